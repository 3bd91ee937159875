/** Helpers for the workbench's unit tests (jsdom). */
import { WorkbenchHost, type HostOptions } from "../../../../dev/workbench/host";

export interface Harness {
  host: WorkbenchHost;
  office: typeof Office;
  item: Office.AppointmentCompose;
}

/** A host with a short latency and an Office namespace for jsdom's window, already ready. */
export async function harness(options: HostOptions = {}, frameName = "taskpane"): Promise<Harness> {
  const host = new WorkbenchHost({ ...options, config: { latency: 1, ...options.config } });
  const office = host.officeFor(window, { name: frameName });
  await office.onReady();
  const item = office.context.mailbox.item as unknown as Office.AppointmentCompose;
  return { host, office, item };
}

/** Wraps a callback-style Office call as a promise of its AsyncResult. */
export function result<T>(
  start: (callback: (r: Office.AsyncResult<T>) => void) => void,
): Promise<Office.AsyncResult<T>> {
  return new Promise((resolve) => start(resolve));
}
