import { describe, expect, test } from "@jest/globals";
import { codeSpan, escapeUserText, mentionHandle, quoteHandle } from "../../src/core/escape.js";
import { parseMarkers } from "../../src/core/markers.js";

/** A GitHub mention: `@` directly followed by a login or org/team character. */
const MENTION = /@[A-Za-z0-9]/;

describe("escapeUserText", () => {
  test.each([
    ["a user", "ping @alice please", "ping @\u200dalice please"],
    ["an org team", "cc @modelcontextprotocol/core-maintainers", "cc @\u200dmodelcontextprotocol/core-maintainers"],
    ["an everyone-style mass mention", "@everyone @here @channel", "@\u200deveryone @\u200dhere @\u200dchannel"],
    ["a mention glued to punctuation", "(@bob)", "(@\u200dbob)"],
  ])("neutralises %s", (_what, input, expected) => {
    const out = escapeUserText(input);
    expect(out).toBe(expected);
    expect(out).not.toMatch(MENTION);
  });

  test("HTML is turned into text", () => {
    expect(escapeUserText('<img src=x onerror="alert(1)"> & <b>bold</b>')).toBe(
      '&lt;img src=x onerror="alert(1)"&gt; &amp; &lt;b&gt;bold&lt;/b&gt;',
    );
  });

  test("a copy of the app's hidden marker is no longer a marker", () => {
    const out = escapeUserText('<!-- convener:intake {"v":1} -->');
    expect(out).not.toContain("<!--");
    expect(parseMarkers(out)).toEqual([]);
  });

  test("newlines and runs of whitespace are flattened, so a value cannot open a new block", () => {
    expect(escapeUserText("line one\n\n# heading\r\n> quote\t end  ")).toBe("line one # heading &gt; quote end");
  });

  test("a pipe cannot break out of a table cell", () => {
    expect(escapeUserText("a | b")).toBe("a \\| b");
  });

  test("text longer than the limit is cut to the limit with an ellipsis", () => {
    const out = escapeUserText("x".repeat(500), 50);
    expect(out).toBe("x".repeat(49) + "…");
    expect(escapeUserText("x".repeat(200))).toBe("x".repeat(200)); // exactly the default limit: untouched
    expect(escapeUserText("x".repeat(201))).toHaveLength(200);
  });

  test("truncation never splits an emoji (surrogate pair) in half", () => {
    const out = escapeUserText("ab😀😀😀", 4); // cut falls between the halves of the first emoji
    expect(out).toBe("ab…");
    expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/); // no lone high surrogate
  });

  test("truncation happens before escaping, so an entity is never cut in half", () => {
    const out = escapeUserText("<".repeat(10), 5);
    expect(out).toBe("&lt;".repeat(4) + "…");
  });
});

describe("handles and code spans", () => {
  test("quoteHandle shows a handle without notifying it", () => {
    expect(quoteHandle("alice")).toBe("@\u200dalice");
    expect(quoteHandle("@org/team")).toBe("@\u200dorg/team");
  });

  test("mentionHandle mentions a login in GitHub's grammar and only shows anything else (never a part of it)", () => {
    expect(mentionHandle("@alice")).toBe("@alice");
    expect(mentionHandle("bob<script>")).toBe("@\u200dbob&lt;script&gt;");
    expect(mentionHandle("fac-kenü")).toBe("@\u200dfac-kenü");
    expect(mentionHandle("alice-")).toBe("@\u200dalice-");
  });

  test("codeSpan cannot be closed early and shows nothing rendered", () => {
    expect(codeSpan("a`b` @alice\n<b>")).toBe("`a'b' @alice <b>`");
    expect(codeSpan("")).toBe("` `");
    expect(codeSpan("y".repeat(100), 10)).toBe("`" + "y".repeat(9) + "…`");
  });

  test("a marker pasted into a code span is not a marker in the app's comment", () => {
    const out = codeSpan('<!-- convener:vote {"open":true} -->', 200);
    expect(parseMarkers(`<!-- convener:intake -->\nYour tag ${out} is taken`)).toEqual([{ key: "intake", data: {} }]);
    expect(out.replace(/\u200d/g, "")).toBe('`<!-- convener:vote {"open":true} -->`'); // looks the same
  });
});
