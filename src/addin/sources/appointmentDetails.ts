/**
 * The appointment's subject, times, attendees and series, for sources that tell BlueJeans about
 * them (scheduled meetings). Kept out of the flow so code that only adds a personal room does not
 * load the series mapping.
 */
import { AddinError } from "../host/errors";
import type { AppointmentPort } from "../host/ports";
import type { AppointmentDetails } from "./meetingSource";
import { toRecurrencePattern } from "./recurrence";

/** A series BlueJeans cannot repeat is refused here, before anything is created or written. */
export async function readAppointmentDetails(item: AppointmentPort): Promise<AppointmentDetails> {
  const [subject, start, end, attendees, series] = await Promise.all([
    item.getSubject(),
    item.getStart(),
    item.getEnd(),
    item.getRequiredAttendees(),
    item.getRecurrence?.(),
  ]);
  if (!series) return { subject, start, end, attendees };
  const mapped = toRecurrencePattern(series);
  if (!mapped.ok) {
    // Never a meeting that quietly ends after its first occurrence: the person chooses instead.
    throw new AddinError(
      mapped.reason,
      "Open the BlueJeans pane to use your personal room for this series.",
      "recurrence.unsupported",
    );
  }
  return { subject, start, end, attendees, recurrence: mapped.pattern };
}
