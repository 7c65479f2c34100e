import { describe, expect, test } from "@jest/globals";
import { rewriteRelativeLinks } from "../../src/features/meetings/relative-links.js";

const FILE = "https://github.com/mcp/community/blob/c0ffee/meetings/auth-ig/2027-03-15.md";

describe("relative links in agendas", () => {
  test("are rewritten to the file's blob address at the commit; others are kept", () => {
    const agenda = [
      "- See [the README](../README.md) and ![diagram](img/flow.png \"Flow\")",
      "- Root link [charter](/docs/community/interest-groups/auth.mdx#scope)",
      "- Kept: [site](https://modelcontextprotocol.io), [mail](mailto:a@b.c), [anchor](#notes), [up](../../../../x)",
      "- In code: `[x](../README.md)`",
      "",
      "```md",
      "[y](../README.md)",
      "```",
      "",
      "[ref]: ../SEP.md",
    ].join("\n");
    expect(rewriteRelativeLinks(agenda, FILE)).toBe([
      "- See [the README](https://github.com/mcp/community/blob/c0ffee/meetings/README.md) and ![diagram](https://github.com/mcp/community/blob/c0ffee/meetings/auth-ig/img/flow.png \"Flow\")",
      "- Root link [charter](https://github.com/mcp/community/blob/c0ffee/docs/community/interest-groups/auth.mdx#scope)",
      "- Kept: [site](https://modelcontextprotocol.io), [mail](mailto:a@b.c), [anchor](#notes), [up](../../../../x)",
      "- In code: `[x](../README.md)`",
      "",
      "```md",
      "[y](../README.md)",
      "```",
      "",
      "[ref]: https://github.com/mcp/community/blob/c0ffee/meetings/SEP.md",
    ].join("\n"));
  });
});
