// What scripts/bench-dashboard.mjs and scripts/bench-dashboard-bare.mjs share: the tab's
// memory, the dashboard's phases with the memory in each, and the statement posted between visits.
import { readFileSync, readdirSync } from 'node:fs';

/** Resident bytes of the largest Chromium renderer below this node process (the tab at work). */
export function rendererRss() {
  const procs = new Map();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      procs.set(Number(pid), { ppid, cmd: readFileSync(`/proc/${pid}/cmdline`, 'utf8') });
    } catch { /* gone meanwhile */ }
  }
  const ours = (pid) => { for (let p = pid; p > 1; p = procs.get(p)?.ppid ?? 0) if (p === process.pid) return true; return false; };
  let total = 0;
  for (const [pid, p] of procs) {
    if (!p.cmd.includes('--type=renderer') || !ours(pid)) continue;
    try {
      const rss = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
      if (rss) total = Math.max(total, Number(rss[1]) * 1024);
    } catch { /* gone meanwhile */ }
  }
  return total;
}

export const mb = (b) => `${(b / 1048576).toFixed(0)} MB`;

/** Samples the renderer's size every 100 ms, each with its wall-clock time, until `stop()`. */
export function sampleMemory() {
  const samples = [];
  const timer = setInterval(() => { samples.push([Date.now(), rendererRss()]); }, 100);
  return {
    samples,
    stop: () => clearInterval(timer),
    /** The largest size sampled in (from, to], wall-clock ms; 0 when none was. */
    most: (from, to) => Math.max(0, ...samples.filter(([t]) => t > from && t <= to).map(([, rss]) => rss)),
  };
}

/**
 * The dashboard's marks (`[name, ms from navigation]`, names without `throughline:dash-`) as
 * one line, each with the largest renderer size since the mark before, then the size after the last.
 */
export function phasesLine(marks, navigatedAt, memory) {
  let before = 0;
  const line = marks.map(([name, at]) => {
    const upTo = memory.most(navigatedAt + before, navigatedAt + at);
    before = at;
    return `${name} ${at.toFixed(0)}${upTo ? ` (${mb(upTo)})` : ''}`;
  }).join(', ');
  const after = memory.most(navigatedAt + before, Date.now());
  return line && `${line}${after ? `, then ${mb(after)}` : ''}`;
}

/** In the page: the dashboard's marks and the navigation's wall-clock start. */
export const MARKS_IN_PAGE = `({
  origin: performance.timeOrigin,
  marks: performance.getEntriesByType('mark')
    .filter((e) => e.name.startsWith('throughline:dash-'))
    .map((e) => [e.name.slice('throughline:dash-'.length), e.startTime]),
})`;

/**
 * Posts one new statement of the demo program to the LRS of the admin page's options
 * (`#throughline-dashboard-options`), so the next visit has exactly one statement to fold in.
 */
export async function postOneStatement(options) {
  const program = 'https://throughline.example/programs/coaching-for-performance';
  const id = crypto.randomUUID();
  const res = await fetch(new URL('statements', options.endpoint), {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(`${options.key}:${options.secret}`).toString('base64')}`, 'Content-Type': 'application/json', 'X-Experience-API-Version': '1.0.3' },
    body: JSON.stringify({
      id,
      actor: { objectType: 'Agent', account: { homePage: 'https://lms.example.org', name: `bench-${id}` } },
      verb: { id: 'http://id.tincanapi.com/verb/selected' },
      object: { objectType: 'Activity', id: `${program}/roles/leader` },
      context: { contextActivities: { parent: [{ id: program }] }, extensions: { 'https://throughline.app/xapi/extensions/role': 'leader' } },
    }),
  });
  if (!res.ok) throw new Error(`posting a statement: ${res.status} ${await res.text()}`);
}
