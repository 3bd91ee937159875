/**
 * The function names manifest.xml's LaunchEvents point at (FunctionName), registered with
 * Office.actions.associate by the event bundle. The manifest check looks for each of these.
 */
export const EVENT_FUNCTIONS = {
  newAppointment: "onNewAppointment",
  timeChanged: "onTimeChanged",
  attendeesChanged: "onAttendeesChanged",
  recurrenceChanged: "onRecurrenceChanged",
  send: "onAppointmentSend",
} as const;

export type EventKind = keyof typeof EVENT_FUNCTIONS;
