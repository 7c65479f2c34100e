import { describe, expect, test } from "@jest/globals";
import { parseRequest } from "../../src/features/intake/parse-request.js";

/** Unknown `###` sections are cut out and reported, however many there are; the answers around them stay whole. */
const body = (between: string) =>
  ["### Group name", "", "Streams", "", between, "### Channel tag", "", "streams-wg", "", "### Facilitator(s)", "", "@ada"].join("\n");

describe("parseRequest", () => {
  test("unknown sections between two questions are reported with their lines and read into no answer", () => {
    const parsed = parseRequest(body("### Budget\n\nlots\n\n### Timeline\n\nsoon\n"), "wg");
    expect(parsed.unknownHeadings).toEqual([{ heading: "Budget", line: 5 }, { heading: "Timeline", line: 9 }]);
    expect(parsed.fields).toMatchObject({ "group-name": "Streams", tag: "streams-wg", facilitators: "@ada" });
    expect(Object.values(parsed.fields).join(" ")).not.toMatch(/lots|soon/);
  });

  test("2,000 unknown sections are all reported and the form's answers are still read", () => {
    const many = Array.from({ length: 2_000 }, (_, i) => `### Extra ${i}\n\nx${i}\n`).join("\n");
    const parsed = parseRequest(body(many), "wg");
    expect(parsed.unknownHeadings).toHaveLength(2_000);
    expect(parsed.unknownHeadings.at(-1)).toEqual({ heading: "Extra 1999", line: 5 + 4 * 1_999 });
    expect(parsed.fields).toMatchObject({ "group-name": "Streams", tag: "streams-wg", facilitators: "@ada" });
    expect(parsed.knownHeadings).toBe(3);
  });

  test("a body past GitHub's 65,536 characters is read up to the limit (validateRequest reports its length)", () => {
    const parsed = parseRequest(body("x".repeat(70_000) + "\n"), "wg");
    expect(parsed.fields["group-name"]).toBe("Streams\n\n" + "x".repeat(65_536 - "### Group name\n\nStreams\n\n".length));
    expect(parsed.fields.tag).toBeUndefined();
  });
});
