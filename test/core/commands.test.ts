import { describe, expect, test } from "@jest/globals";
import { parseCommands } from "../../src/core/commands.js";

const names = (body: string | null | undefined) => parseCommands(body).map((c) => c.name);

describe("parseCommands: where a command counts", () => {
  test("a command alone on the first line", () => {
    expect(parseCommands("/vote")).toEqual([{ name: "vote", args: [], rest: "", line: 1 }]);
  });

  test("several commands in one comment, each with its 1-based line", () => {
    const body = "/vote\n/veto too early\n\nSome discussion here.\n\n/sponsor";
    expect(parseCommands(body)).toEqual([
      { name: "vote", args: [], rest: "", line: 1 },
      { name: "veto", args: ["too", "early"], rest: "too early", line: 2 },
      { name: "sponsor", args: [], rest: "", line: 6 },
    ]);
  });

  test("a command after ordinary text on a later line of the same paragraph", () => {
    expect(parseCommands("Thanks for the request.\n/vote yes")).toEqual([
      { name: "vote", args: ["yes"], rest: "yes", line: 2 },
    ]);
  });

  test("args split on any whitespace; rest keeps the text after the name, trimmed", () => {
    const [veto] = parseCommands("/veto   the charter   overlaps auth-ig   ");
    expect(veto).toEqual({ name: "veto", args: ["the", "charter", "overlaps", "auth-ig"], rest: "the charter   overlaps auth-ig", line: 1 });
  });

  test("names are case-insensitive (lower-cased); args keep their case", () => {
    expect(parseCommands("/VOTE Yes\n/Keep-Active")).toEqual([
      { name: "vote", args: ["Yes"], rest: "Yes", line: 1 },
      { name: "keep-active", args: [], rest: "", line: 2 },
    ]);
  });

  test("CRLF line endings (Windows clients) still split commands and args cleanly", () => {
    expect(parseCommands("/vote yes\r\n/veto\r\n")).toEqual([
      { name: "vote", args: ["yes"], rest: "yes", line: 1 },
      { name: "veto", args: [], rest: "", line: 2 },
    ]);
  });

  test("a hard line break (two trailing spaces) separates commands", () => {
    expect(names("/vote  \n/unveto")).toEqual(["vote", "unveto"]);
  });
});

describe("parseCommands: what is never a command", () => {
  test.each([
    ["mid-sentence", "I think we should /vote on this"],
    ["after a word on the same line", "ok /vote yes"],
    ["a path", "/usr/bin/env node"],
    ["a URL", "https://example.com/vote"],
    ["punctuation glued to the name", "/vote."],
    ["a space after the slash", "/ vote"],
    ["fenced code (backticks)", "```\n/vote\n```"],
    ["fenced code (tildes, with info string)", "~~~sh\n/vote yes\n~~~"],
    ["indented code after a blank line", "Example:\n\n    /vote\n"],
    ["inline code at line start", "`/vote` is how a moderator opens a vote"],
    ["inline code spanning two lines", "see `x\n/vote` here"],
    ["a quote", "> /vote"],
    ["a nested quote", "> > /vote yes"],
    ["a quote's lazy continuation line (GitHub renders it inside the quote)", "> I propose we\n/vote"],
    ["an HTML comment block", "<!-- /vote -->"],
    ["a multi-line HTML comment", "<!--\n/vote\n-->"],
    ["an HTML comment inside a paragraph", "Hello <!--\n/vote\n--> world"],
    ["a bullet list item", "- /vote"],
    ["an ordered list item", "1. /vote yes"],
    ["a task list item", "- [ ] /vote"],
    ["an ATX heading", "# /vote"],
    ["a setext heading", "/vote\n====="],
    ["a table cell", "| cmd |\n| --- |\n| /vote |"],
    ["an HTML block", "<details>\n/vote\n</details>"],
  ])("%s", (_what, body) => {
    expect(parseCommands(body)).toEqual([]);
  });

  test("a command after a multi-line HTML comment keeps its true line number", () => {
    expect(parseCommands("Hi <!--\nhidden\n-->\n/vote")).toEqual([{ name: "vote", args: [], rest: "", line: 4 }]);
  });

  test("a command after multi-line inline code keeps its true line number", () => {
    expect(parseCommands("a `x\n/vote` b\n/veto")).toEqual([{ name: "veto", args: [], rest: "", line: 3 }]);
  });

  test("commands around ignored blocks are still found, with their lines", () => {
    const body = ["/vote", "", "```", "/veto", "```", "", "> /unveto", "", "/sponsor"].join("\n");
    expect(parseCommands(body).map((c) => [c.name, c.line])).toEqual([
      ["vote", 1],
      ["sponsor", 9],
    ]);
  });
});

describe("parseCommands: odd bodies", () => {
  test.each([[""], [null], [undefined], ["   \n\n  "], ["no slash at all"]])("%p gives no commands", (body) => {
    expect(parseCommands(body as string | null | undefined)).toEqual([]);
  });

  test("a 70,000-character body is parsed quickly; a command past GitHub's 65,536-character limit is ignored", () => {
    const filler = "word ".repeat(14_000); // 70,000 characters
    const body = `/vote yes\n\n${filler}\n\n/veto late`;
    expect(body.length).toBeGreaterThan(70_000);
    const started = performance.now();
    const commands = parseCommands(body);
    // A guard against a super-linear parse (minutes), with room for a loaded CI machine.
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(commands.map((c) => c.name)).toEqual(["vote"]);
  });

  test("a 70,000-character single line starting with a command yields one command, no crash", () => {
    const body = "/veto " + "x".repeat(70_000);
    const [veto] = parseCommands(body);
    expect(veto?.name).toBe("veto");
    expect(veto!.rest.length).toBeLessThanOrEqual(65_536);
  });
});
