import { describe, expect, test } from "@jest/globals";
import { findMarker, findOwnComment, findOwnComments, hasMarker, parseMarkers, renderMarker } from "../../src/core/markers.js";
import type { AppIdentity } from "../../src/core/identity.js";

const identity: AppIdentity = { appId: 42, login: "convener[bot]" };

describe("renderMarker / parseMarkers", () => {
  test("a marker without data round-trips", () => {
    const marker = renderMarker("intake");
    expect(marker).toBe("<!-- convener:intake -->");
    expect(parseMarkers(`Some text\n${marker}\nmore`)).toEqual([{ key: "intake", data: {} }]);
  });

  test("a marker with data round-trips, nested values included", () => {
    const data = { v: 1, tally: { yes: 3, no: 0 }, voters: ["alice", "bob"], opened: "2026-01-02T03:04:05Z" };
    expect(findMarker(`hello ${renderMarker("vote:12", data)} bye`, "vote:12")).toEqual({ key: "vote:12", data });
  });

  test("JSON that tries to close the HTML comment stays inside it and round-trips exactly", () => {
    const data = { reason: "--> <b>gotcha</b> <!-- convener:intake -->", dashes: "----" };
    const marker = renderMarker("veto", data);
    // One comment: it opens once and closes once, at the very end.
    expect(marker.indexOf("-->")).toBe(marker.length - 3);
    expect(marker.match(/<!--/g)).toHaveLength(1);
    expect(parseMarkers(marker)).toEqual([{ key: "veto", data }]); // no fake `intake` marker appears
  });

  test("several markers in one body are all found, in order", () => {
    const body = `${renderMarker("a")}\ntext\n${renderMarker("b", { n: 2 })}`;
    expect(parseMarkers(body)).toEqual([
      { key: "a", data: {} },
      { key: "b", data: { n: 2 } },
    ]);
  });

  test.each([
    ["JSON that does not parse", '<!-- convener:intake {"v":1,} -->'],
    ["JSON without its closing brace", '<!-- convener:intake {"v":1 -->'],
    ["a key with spaces", "<!-- convener:in take -->"],
    ["an upper-case key", "<!-- convener:Intake -->"],
    ["no space before -->", "<!-- convener:intake-->"],
    ["another app's marker", "<!-- probot:intake -->"],
  ])("a damaged marker is ignored: %s", (_what, body) => {
    expect(parseMarkers(body)).toEqual([]);
    expect(hasMarker(body, "intake")).toBe(false);
  });

  test("a damaged marker does not hide a good one after it", () => {
    const body = `<!-- convener:intake {oops} -->\n${renderMarker("intake", { v: 2 })}`;
    expect(findMarker(body, "intake")).toEqual({ key: "intake", data: { v: 2 } });
  });

  test("JSON that is not an object leaves data empty", () => {
    expect(parseMarkers("<!-- convener:x {} -->")).toEqual([{ key: "x", data: {} }]);
  });

  test.each([[null], [undefined], [""]])("%p has no markers", (body) => {
    expect(parseMarkers(body)).toEqual([]);
    expect(hasMarker(body, "intake")).toBe(false);
  });

  test.each([
    ["upper case", "meeting:Auth-IG/2026-01-05"],
    ["spaces", "notes:Auth IG:2026-01-05"],
    ["non-ASCII", "group:données✓"],
    ["a leading dash", "-weird"],
    ["nothing usable", "✓✓"],
  ])("a key built from data (%s) can always be found again", (_what, key) => {
    const body = `text\n${renderMarker(key, { n: 1 })}`;
    expect(findMarker(body, key)).toEqual({ key: expect.stringMatching(/^[a-z0-9]/), data: { n: 1 } });
    expect(hasMarker(body, key)).toBe(true);
  });

  test("keys that differ only in case or spacing are the same marker", () => {
    expect(hasMarker(renderMarker("meeting:auth-ig/2026-01-05"), "meeting:Auth-IG/2026-01-05")).toBe(true);
    expect(hasMarker(renderMarker("meeting:auth-ig/2026-01-05"), "meeting:agents-wg/2026-01-05")).toBe(false);
  });

  test("findMarker matches the whole key, not a prefix", () => {
    const body = renderMarker("intake-result");
    expect(findMarker(body, "intake")).toBeNull();
    expect(findMarker(body, "intake-result")).not.toBeNull();
  });
});

describe("findOwnComment trusts only the app's comments", () => {
  const marker = renderMarker("intake");
  const byUser = (id: number, body = marker) => ({ id, body, user: { login: "mallory", type: "User" }, performed_via_github_app: null });
  const viaApp = (id: number, body = marker) => ({ id, body, user: { login: "someone[bot]", type: "Bot" }, performed_via_github_app: { id: 42, slug: "convener" } });
  const byBotLogin = (id: number, body = marker) => ({ id, body, user: { login: "Convener[bot]", type: "Bot" } });

  test("a user's comment carrying a copy of the marker is ignored", () => {
    expect(findOwnComment([byUser(1)], "intake", identity)).toBeNull();
  });

  test("a comment performed via the app (performed_via_github_app.id = app id) is trusted", () => {
    expect(findOwnComment([byUser(1), viaApp(7)], "intake", identity)?.id).toBe(7);
  });

  test("a comment by the app's bot login is trusted (case-insensitively) when GitHub gives no app id", () => {
    expect(findOwnComment([byUser(1), byBotLogin(9)], "intake", identity)?.id).toBe(9);
  });

  test("another app's comment is not ours, even with our marker", () => {
    const other = { id: 3, body: marker, user: { login: "other[bot]", type: "Bot" }, performed_via_github_app: { id: 99 } };
    expect(findOwnComment([other], "intake", identity)).toBeNull();
  });

  test("a user named like the app without [bot] is not the app", () => {
    const impostor = { id: 3, body: marker, user: { login: "convener", type: "User" } };
    expect(findOwnComment([impostor], "intake", identity)).toBeNull();
  });

  test("with no identity configured, nothing is trusted", () => {
    expect(findOwnComment([viaApp(1), byBotLogin(2)], "intake", {})).toBeNull();
  });

  test("an app comment without the marker (or with another key) is not the sticky comment", () => {
    expect(findOwnComment([viaApp(1, "plain text"), viaApp(2, renderMarker("vote"))], "intake", identity)).toBeNull();
  });

  test("the oldest app comment wins, whatever order the list came in", () => {
    const comments = [viaApp(30), byUser(5), byBotLogin(12), viaApp(20)];
    expect(findOwnComment(comments, "intake", identity)?.id).toBe(12);
    expect(findOwnComments(comments, "intake", identity).map((c) => c.id)).toEqual([12, 20, 30]);
  });

  test("a marker quoted inside a user's comment among app comments never becomes the sticky one", () => {
    const quoted = byUser(1, `> ${marker}\nI copied the bot`);
    expect(findOwnComment([quoted, viaApp(2)], "intake", identity)?.id).toBe(2);
  });
});
