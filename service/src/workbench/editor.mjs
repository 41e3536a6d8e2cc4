// The workbench's text view: CodeMirror 6 with line numbers, TOML highlighting (the legacy TOML
// mode), the check's problems as inline markers, and the one undo history the form shares.
// Bundled by scripts/build-widget.sh with esbuild into pkg/workbench/editor.js.
import { EditorView, basicSetup } from 'codemirror';
import { EditorState } from '@codemirror/state';
import { StreamLanguage } from '@codemirror/language';
import { toml } from '@codemirror/legacy-modes/mode/toml';
import { setDiagnostics, lintGutter } from '@codemirror/lint';
import { undo, redo, undoDepth, redoDepth } from '@codemirror/commands';

/**
 * Opens the editor in `parent` with `doc`. `onChange(text, history)` runs after every change,
 * typed or made by the form (`history` is `{ undo, redo }`: how many steps each way).
 */
export function createEditor(parent, { doc, labelledBy, onChange }) {
  const report = (state) => ({ undo: undoDepth(state), redo: redoDepth(state) });
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        basicSetup,
        StreamLanguage.define(toml),
        lintGutter(),
        // Wrapped lines and no scroll box of its own: the page scrolls, so every part of the
        // editor is reached with the keyboard (a scroll box would need a tab stop of its own).
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-labelledby': labelledBy, 'aria-multiline': 'true', spellcheck: 'false', autocapitalize: 'off' }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged || u.transactions.some((t) => t.isUserEvent('undo') || t.isUserEvent('redo'))) {
            onChange(u.state.doc.toString(), report(u.state));
          }
        }),
      ],
    }),
  });
  return {
    view,
    text: () => view.state.doc.toString(),
    /** Replaces the text as one undoable step (what a form edit does). */
    replace(text) {
      const current = view.state.doc.toString();
      if (text === current) return;
      // Only the changed middle is replaced, so the cursor and markers elsewhere stay put.
      let start = 0;
      while (start < current.length && start < text.length && current[start] === text[start]) start++;
      let endOld = current.length, endNew = text.length;
      while (endOld > start && endNew > start && current[endOld - 1] === text[endNew - 1]) { endOld--; endNew--; }
      view.dispatch({ changes: { from: start, to: endOld, insert: text.slice(start, endNew) }, userEvent: 'input.form' });
    },
    undo: () => undo(view),
    redo: () => redo(view),
    history: () => report(view.state),
    /** Where the caret is, 1-based. */
    caret() {
      const head = view.state.selection.main.head;
      const line = view.state.doc.lineAt(head);
      return { line: line.number, column: head - line.from + 1, focused: view.hasFocus };
    },
    /** The check's problems, `[{ line, column, message }]` (1-based), as inline markers. */
    problems(list) {
      const doc = view.state.doc;
      const diagnostics = list.map((p) => {
        const line = doc.line(Math.min(Math.max(1, p.line), doc.lines));
        const from = Math.min(line.from + Math.max(0, p.column - 1), line.to);
        return { from, to: Math.max(from, line.to), severity: 'error', message: p.message };
      });
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
    goTo(line, column) {
      const doc = view.state.doc;
      const l = doc.line(Math.min(Math.max(1, line), doc.lines));
      const at = Math.min(l.from + Math.max(0, column - 1), l.to);
      view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
      view.focus();
    },
  };
}
