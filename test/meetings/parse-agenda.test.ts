import { describe, expect, test } from "@jest/globals";
import { parseAgenda } from "../../src/features/meetings/parse-agenda.js";
import { readFrontMatter } from "../../src/core/front-matter.js";
import { parseAgendaPath } from "../../src/features/meetings/agenda-path.js";
import { agendaText } from "../support/meetings-fixtures.js";

const PATH = "meetings/auth-ig/2027-03-15.md";
const parse = (text: string, date = "2027-03-15") => parseAgenda(`meetings/auth-ig/${date}.md`, "auth-ig", date, text, 65_536);

function problemsOf(text: string, date = "2027-03-15") {
  const result = parse(text, date);
  if (result.ok) throw new Error("expected problems");
  return result.problems;
}

describe("agenda files", () => {
  test("a valid agenda gives every field, the body and the times", () => {
    const result = parse(agendaText("2027-03-15", { extra: "link: https://meet.example.com/x\nnote-taker: Bob" }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.agenda).toMatchObject({
      path: PATH, tag: "auth-ig", date: "2027-03-15", title: "Auth IG weekly", time: "09:00", timezone: "America/Los_Angeles",
      duration: 60, topic: "authorization", facilitator: "Alice Example", noteTaker: "Bob", link: "https://meet.example.com/x", cancelled: false,
      body: "- Introductions\n- Review of SEP-1234\n- Open floor",
    });
  });

  test.each([
    ["2027-03-15", "America/Los_Angeles", "2027-03-15T16:00:00Z", "2027-03-15 16:00 UTC"], // the day after the March DST change (2027-03-14)
    ["2027-03-13", "America/Los_Angeles", "2027-03-13T17:00:00Z", "2027-03-13 17:00 UTC"], // the day before it
    ["2027-11-08", "America/Los_Angeles", "2027-11-08T17:00:00Z", "2027-11-08 17:00 UTC"], // the day after the November change (2027-11-07)
    ["2027-03-29", "Europe/Berlin", "2027-03-29T07:00:00Z", "2027-03-29 07:00 UTC"], // after Europe's change on 2027-03-28
    ["2027-11-01", "Europe/Berlin", "2027-11-01T08:00:00Z", "2027-11-01 08:00 UTC"], // after 2027-10-31
  ])("09:00 on %s in %s is %s", (date, timezone, utc, label) => {
    const result = parse(agendaText(date, { timezone }), date);
    expect(result.ok && result.agenda.when.startUtc).toBe(utc);
    expect(result.ok && result.agenda.when.utcLabel).toBe(label);
  });

  test("a wall-clock time the spring-forward change skips is refused", () => {
    expect(problemsOf(agendaText("2027-03-14", { time: "02:30" }), "2027-03-14")).toEqual([
      { path: "meetings/auth-ig/2027-03-14.md", line: 4, message: expect.stringContaining("02:30 does not exist on 2027-03-14 in America/Los_Angeles") },
    ]);
  });

  test("bad YAML is reported at its line", () => {
    const text = agendaText("2027-03-15").replace("topic: authorization", "topic: security: auth");
    expect(problemsOf(text)).toEqual([{ path: PATH, line: 7, message: "the front matter is not valid YAML: Nested mappings are not allowed in compact mappings" }]);
    const twice = agendaText("2027-03-15", { extra: "title: again" });
    expect(problemsOf(twice)).toEqual([{ path: PATH, line: 9, message: "the front matter is not valid YAML: Map keys must be unique" }]);
  });

  test("`---js` front matter is refused and never run", () => {
    const marker = `ran-${Math.random()}`;
    const text = `---js\n{ title: (globalThis["${marker}"] = "executed") }\n---\n- agenda\n`;
    expect(problemsOf(text)).toEqual([{ path: PATH, line: 1, message: expect.stringContaining("front matter must be YAML; `---js` blocks are refused and never run") }]);
    expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined();
  });

  test("a `---javascript` block hidden behind the YAML language name check is refused too", () => {
    expect(problemsOf("---javascript\nmodule.exports = {}\n---\n- x\n")[0]!.message).toContain("`---javascript` blocks are refused");
  });

  test("a fixed abbreviation such as PST is refused", () => {
    expect(problemsOf(agendaText("2027-03-15", { timezone: "PST" }))).toEqual([
      { path: PATH, line: 5, message: expect.stringContaining("abbreviations like `PST` and fixed offsets like `+02:00` are refused") },
    ]);
  });

  test.each(["Etc/GMT+8", "+02:00", "UTC+2", "Mars/Olympus_Mons"])("timezone %s is refused", (zone) => {
    expect(problemsOf(agendaText("2027-03-15", { timezone: zone }))[0]).toMatchObject({ line: 5, message: expect.stringContaining("timezone") });
  });

  test("time 25:00 is refused", () => {
    expect(problemsOf(agendaText("2027-03-15", { time: "25:00" }))).toEqual([
      { path: PATH, line: 4, message: expect.stringContaining("`time` must be a 24-hour time `HH:MM` between 00:00 and 23:59") },
    ]);
  });

  test("a missing date is reported as missing", () => {
    const text = agendaText("2027-03-15").replace("date: 2027-03-15\n", "");
    expect(problemsOf(text)).toEqual([{ path: PATH, line: 1, message: "`date` is missing; it is required" }]);
  });

  test("a date that differs from the file name is refused", () => {
    expect(problemsOf(agendaText("2027-03-15", { date: "2027-03-22" }))).toEqual([
      { path: PATH, line: 3, message: expect.stringContaining("`date` is 2027-03-22 but the file name says 2027-03-15") },
    ]);
  });

  test("a 1 MB body is refused before it is parsed", () => {
    const text = agendaText("2027-03-15", { body: "- x\n".repeat(262_144) });
    const bytes = Buffer.byteLength(text).toLocaleString("en");
    expect(problemsOf(text)).toEqual([{
      path: PATH, line: 1,
      message: `${PATH} is ${bytes} bytes; agenda files may be at most 65,536 bytes (the limit is \`meetings.maxAgendaBytes\` in .github/convener.yml). The file was not read.`,
    }]);
  });

  test("unknown fields, wrong types and several problems are all listed in line order", () => {
    const text = agendaText("2027-03-15", { duration: "an hour", extra: "room: 5\ncancelled: maybe" });
    expect(problemsOf(text)).toEqual([
      { path: PATH, line: 6, message: "`duration` must be a number of minutes, such as `60`" },
      { path: PATH, line: 9, message: expect.stringContaining("unknown field `room`") },
      { path: PATH, line: 10, message: "`cancelled` must be `true` or `false`" },
    ]);
  });

  test("a file without front matter, or with an unclosed one, says how to start", () => {
    expect(problemsOf("# Agenda\n- a\n")[0]).toEqual({ path: PATH, line: 1, message: expect.stringContaining("must start with YAML front matter") });
    expect(problemsOf("---\ntitle: x\n- a\n")[0]!.message).toContain("not closed");
  });

  test("the front-matter reader keeps file lines: fields, errors and the body start", () => {
    const read = readFrontMatter("\uFEFF---\ntitle: x\ntime: 09:00\n---\n\n- a\n");
    expect(read.ok && read.value).toMatchObject({ data: { title: "x", time: "09:00" }, firstLine: 2, bodyLine: 5, body: "\n- a\n" });
    expect(readFrontMatter("---\ntitle: x\ntitle: y\n---\n")).toMatchObject({ ok: false, missing: false, line: 3 });
    expect(readFrontMatter("# no front matter\n")).toMatchObject({ ok: false, missing: true, body: "# no front matter\n", bodyLine: 1 });
  });

  test("a byte-order mark before the front matter (Windows editors) is read as the file start", () => {
    const result = parse("\uFEFF" + agendaText("2027-03-15"));
    expect(result.ok).toBe(true);
  });
});

describe("agenda paths", () => {
  test.each([
    ["meetings/auth-ig/2027-03-15.md", { kind: "agenda", tag: "auth-ig", date: "2027-03-15" }],
    ["meetings/README.md", { kind: "other" }],
    ["docs/x.md", { kind: "other" }],
    ["meetings/auth-ig/2027-02-30.md", { kind: "misplaced" }],
    ["meetings/Auth IG/2027-03-15.md", { kind: "misplaced" }],
    ["meetings/auth-ig/old/2027-03-15.md", { kind: "misplaced" }],
  ])("%s", (path, expected) => {
    expect(parseAgendaPath(path, "meetings")).toMatchObject(expected);
  });
});
