import { describe, expect, test } from "@jest/globals";
import { renderProblems, sanitizeMessage } from "../../src/features/meetings/render.js";
import { parseAgendaPath } from "../../src/features/meetings/agenda-path.js";

/** Messages render as GitHub renders Markdown: entities are not decoded inside code spans. */
describe("agenda problem messages", () => {
  test("code spans keep `<` (GitHub shows them literally); text outside is escaped and cannot mention", () => {
    expect(sanitizeMessage("use `meetings/<group-tag>/<YYYY-MM-DD>.md`, not <b>this</b> @alice")).toBe(
      "use `meetings/<group-tag>/<YYYY-MM-DD>.md`, not &lt;b>this&lt;/b> @\u200dalice",
    );
    // A double-backtick span holding a backtick; an unclosed backtick is plain text.
    expect(sanitizeMessage("key ``a`<b`` and `<open")).toBe("key ``a`<b`` and `&lt;open");
  });

  test("the commit comment for a misplaced agenda shows `<group-tag>` as written", () => {
    const found = parseAgendaPath("meetings/Auth/2027-03-15.md", "meetings");
    if (found.kind !== "misplaced") throw new Error("expected misplaced");
    const body = renderProblems([{ path: found.path, line: 1, message: found.message }]);
    expect(body).toContain("`meetings/<group-tag>/<YYYY-MM-DD>.md`");
    expect(body).not.toContain("&lt;group-tag>");
  });
});
