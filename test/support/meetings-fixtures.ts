/** Agenda files for the meetings and calendar tests. */
export interface AgendaFields {
  title?: string;
  date?: string;
  time?: string;
  timezone?: string;
  duration?: number | string;
  topic?: string;
  cancelled?: boolean;
  extra?: string;
  body?: string;
}

export function agendaText(date: string, fields: AgendaFields = {}): string {
  const f = { title: "Auth IG weekly", time: "09:00", timezone: "America/Los_Angeles", duration: 60, topic: "authorization", ...fields };
  const lines = [
    "---",
    `title: ${f.title}`,
    `date: ${fields.date ?? date}`,
    `time: "${f.time}"`,
    `timezone: ${f.timezone}`,
    `duration: ${f.duration}`,
    `topic: ${f.topic}`,
    "facilitator: Alice Example",
    ...(fields.cancelled !== undefined ? [`cancelled: ${fields.cancelled}`] : []),
    ...(fields.extra ? [fields.extra] : []),
    "---",
    "",
    fields.body ?? "- Introductions\n- Review of SEP-1234\n- Open floor",
    "",
  ];
  return lines.join("\n");
}
