// Reading a Chrome trace of the page: its main-thread events and what they
// cost the processor. Shared by browser.mjs and typing.mjs.

/** Events that are one main-thread task each. */
export const TASK_EVENTS = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

/** The complete (`X`) events on the page's main thread, in trace order. */
export function mainThreadEvents(trace) {
  const events = trace.traceEvents ?? trace;
  const main = new Set(
    events
      .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  return events.filter((e) => e.ph === 'X' && main.has(`${e.pid}:${e.tid}`));
}

/** An event's processor time in ms (`tdur`: without the pauses a busy system adds). */
export function cpuMs(e) {
  return (e.tdur ?? e.dur ?? 0) / 1000;
}

/** The events not inside a longer one of `events`. */
export function outermost(events) {
  return events.filter((e) => !events.some((p) => p !== e && p.ts <= e.ts && p.ts + p.dur >= e.ts + e.dur && p.dur > e.dur));
}
