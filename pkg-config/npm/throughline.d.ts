/** Learner as the host page knows them. */
export interface Learner { id?: string; name?: string }

/** LRS settings (xAPI). Give `auth`, or `key` with `secret`; `actor`, or `homePage` with `learner.id`. */
export interface LrsOptions {
  endpoint: string;
  auth?: string;
  key?: string;
  secret?: string;
  version?: '1.0.3' | '2.0.0';
  actor?: object;
  homePage?: string;
  registration?: string;
  activityId?: string;
}

/** LTI-style context from the host page. */
export interface LtiContext { roles?: string[]; contextId?: string; contextTitle?: string; roster?: boolean; locale?: string }

/** Options for `mount`. Unknown keys are refused. */
export interface MountOptions {
  /** URL of the program: its compiled form (`throughline compile`), or a TOML/JSON source file, which loads the checker from `check/` first. */
  program?: string;
  /** The program's text, instead of a URL. */
  programText?: string;
  learner?: Learner;
  /** A program role id or an LMS role name such as "Instructor". */
  role?: string;
  /** The learner's language (a BCP 47 tag such as "de" or "ja-JP"), first in line before the LTI launch's, cmi5's and the browser's; the widget ships en, de, fr, es and ja. */
  locale?: string;
  /** Clock override, YYYY-MM-DD. */
  now?: string;
  /** Link back to the course, used in calendar events and statements. */
  courseUrl?: string;
  lrs?: LrsOptions;
  lti?: LtiContext;
}

/** Loads the WebAssembly module; call once before `mount`. Also auto-mounts `[data-throughline-program]` elements. */
export default function init(input?: RequestInfo | URL | Response | BufferSource | WebAssembly.Module): Promise<unknown>;
/** Mounts the widget into `element`; rejects with a plain-language message when the options or program are wrong. */
export function mount(element: HTMLElement, options?: MountOptions): Promise<void>;
/** Mounts every `[data-throughline-program]` element not mounted yet. */
export function mountAll(): void;
/** Checks a YYYY-MM-DD date the way `mount` does. */
export function checkDate(value: string): string;
