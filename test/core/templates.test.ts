import { describe, expect, test } from "@jest/globals";
import Mustache from "mustache";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { TEMPLATES_DIR, renderTemplate, renderText } from "../../src/core/templates.js";

describe("renderText", () => {
  test("{{x}} is escaped as user text; {{{x}}} is the app's own text, raw", () => {
    const out = renderText("{{{marker}}}\nby {{who}}: {{said}}", {
      marker: "<!-- convener:x -->",
      who: "@alice",
      said: "<b>hi</b>\n\n# not a heading",
    });
    expect(out).toBe("<!-- convener:x -->\nby @\u200dalice: &lt;b&gt;hi&lt;/b&gt; # not a heading\n");
  });

  test("runs of blank lines left by empty sections collapse to one; output ends with one newline", () => {
    expect(renderText("a\n\n{{#none}}x{{/none}}\n\n\nb\n\n", { none: false })).toBe("a\n\nb\n");
  });

  test("mustache's own HTML escaping is restored after a render, even one that throws", () => {
    const before = Mustache.escape;
    renderText("{{x}}", { x: "@a" });
    expect(Mustache.escape).toBe(before);
    expect(() => renderText("{{#unclosed}}", {})).toThrow();
    expect(Mustache.escape).toBe(before);
  });
});

describe("message templates", () => {
  const names = readdirSync(join(TEMPLATES_DIR, "messages"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => f.slice(0, -3));

  test("there are templates, config-error among them", () => {
    expect(names).toContain("config-error");
  });

  test.each(names.map((n) => [n]))("%s parses and renders with an empty view", (name) => {
    expect(() => renderTemplate(name, {})).not.toThrow();
  });
});
