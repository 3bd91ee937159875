/**
 * Size budgets (issue 9). test/browser/size.spec.ts fails when one is exceeded; `npm run bench`
 * prints each figure beside its budget. Sizes are gzip -9 of the built files, office.js excluded.
 */
export interface Budget {
  limit: number;
  what: string;
  /**
   * PENDING: measured and printed, not yet enforced, with what it measured when it was set so.
   * The two pane budgets are enforced since the first view went on its own (one script in
   * both states: 54.4 KB gz, 57.8 KB once the auto-add checkbox joined the settings form).
   * The command's budget was enforced and held (9.5 KB) until the event-runtime work grew it.
   * Delete `pending` to switch one on.
   */
  pending?: string;
}

const KB = 1024;

export const BUDGETS = {
  setUpFirstView: {
    limit: 60 * KB,
    what: "set-up pane: JS requested before Add BlueJeans meeting is ready",
  },
  firstRunFirstView: {
    limit: 70 * KB,
    what: "first-run pane: JS requested before Save is ready",
  },
  command: {
    limit: 10 * KB,
    what: "one-click command, personal room: JS it requests to add the meeting",
    pending: "13.6 KB gz once the scheduled path went into a chunk of its own (15.0 KB before)",
  },
  commandScheduled: {
    limit: 4 * KB,
    what: "one-click command, scheduled meeting: JS it requests besides the personal room's",
  },
  events: {
    limit: 15 * KB,
    what: "event handlers: events.js (one script, no chunks)",
    pending: "15.6 KB gz when the budget was set",
  },
} satisfies Record<string, Budget>;

/** How the bench prints a budget beside its figure. */
export function budgetText(budget: Budget): string {
  return `budget <= ${(budget.limit / KB).toFixed(1)} KB gz${budget.pending ? " (pending)" : ""}`;
}
