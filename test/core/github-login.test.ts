import { describe, expect, test } from "@jest/globals";
import { explainLogin, isGitHubLogin, listMentionedLogins, readMentions } from "../../src/core/github-login.js";

const A39 = "a".repeat(39);
const A40 = "a".repeat(40);

describe("GitHub's login grammar: ASCII letters and digits, single inner hyphens, at most 39", () => {
  test.each([
    ["alice", null],
    ["Alice-Liddell-2", null],
    ["12345", null],
    ["a", null],
    [A39, null],
    [A40, "it is 40 characters long (at most 39)"],
    ["alice-", "it ends with a hyphen"],
    ["-alice", "it starts with a hyphen"],
    ["al--ice", "it has two hyphens in a row"],
    ["zoë-müller", "`ë` (U+00EB) is not an ASCII letter, digit or hyphen"],
    ["fac-kenü", "`ü` (U+00FC) is not an ASCII letter, digit or hyphen"],
    ["ａlice", "`ａ` (U+FF41) is not an ASCII letter, digit or hyphen"],
    ["bad_handle", "`_` is not an ASCII letter, digit or hyphen"],
    ["al ice", "a space (U+0020) is not an ASCII letter, digit or hyphen"],
    ["", "it is empty"],
  ])("%j → %j", (login, why) => {
    expect(explainLogin(login)).toBe(why);
    expect(isGitHubLogin(login)).toBe(why === null);
  });
});

describe("mentions are read whole, then judged", () => {
  test.each<[string, ReturnType<typeof readMentions>]>([
    ["@alice", [{ kind: "login", token: "@alice", login: "alice" }]],
    // Never cut short into another person: the whole token is judged.
    ["@zoë-müller", [{ kind: "invalid", token: "@zoë-müller", why: "`ë` (U+00EB) is not an ASCII letter, digit or hyphen" }]],
    ["@fac-kenü", [{ kind: "invalid", token: "@fac-kenü", why: "`ü` (U+00FC) is not an ASCII letter, digit or hyphen" }]],
    ["＠alice", [{ kind: "invalid", token: "＠alice", why: "it starts with `＠` (U+FF20), not the ASCII `@`" }]],
    ["@alice-", [{ kind: "invalid", token: "@alice-", why: "it ends with a hyphen" }]],
    ["@-alice", [{ kind: "invalid", token: "@-alice", why: "it starts with a hyphen" }]],
    ["@al--ice", [{ kind: "invalid", token: "@al--ice", why: "it has two hyphens in a row" }]],
    [`@${A39}`, [{ kind: "login", token: `@${A39}`, login: A39 }]],
    [`@${A40}`, [{ kind: "invalid", token: `@${A40}`, why: "it is 40 characters long (at most 39)" }]],
    ["@12345", [{ kind: "login", token: "@12345", login: "12345" }]],
    ["@alinashah_67727", [{ kind: "invalid", token: "@alinashah_67727", why: "`_` is not an ASCII letter, digit or hyphen" }]],
    ["@a.b", [{ kind: "invalid", token: "@a.b", why: "`.` is not an ASCII letter, digit or hyphen" }]],
    ["@alice@bob", [{ kind: "invalid", token: "@alice@bob", why: "it has a second `@`" }]],
    ["alice@example.com", [{ kind: "email", token: "alice@example.com" }]],
    ["He-Pin <hepin.p@alibaba-inc.com> (@He-Pin)", [{ kind: "email", token: "hepin.p@alibaba-inc.com" }, { kind: "login", token: "@He-Pin", login: "He-Pin" }]],
    ["@org/team", [{ kind: "team", token: "@org/team", team: "org/team" }]],
    ["Name (@alice)", [{ kind: "login", token: "@alice", login: "alice" }]],
    ["- @alice", [{ kind: "login", token: "@alice", login: "alice" }]],
    ["[@alice](https://github.com/alice)", [{ kind: "login", token: "@alice", login: "alice" }]],
    ["**@alice**", [{ kind: "login", token: "@alice", login: "alice" }]],
    ["_@alice_", [{ kind: "login", token: "@alice", login: "alice" }]],
    ["Thanks @alice.", [{ kind: "login", token: "@alice", login: "alice" }]],
    ["@alice's idea", [{ kind: "login", token: "@alice", login: "alice" }]],
    ["Darin McAdams (@D-McAdams )", [{ kind: "login", token: "@D-McAdams", login: "D-McAdams" }]],
    ["@alice, @bob; @carol", ["alice", "bob", "carol"].map((l) => ({ kind: "login" as const, token: `@${l}`, login: l }))],
    ["`@alice`", [{ kind: "login", token: "@alice", login: "alice" }]],
    ["_None_", []],
    ["Ada Lovelace", []],
  ])("%j", (text, expected) => {
    expect(readMentions(text)).toEqual(expected);
  });

  test("the logins of a text, without repeats ignoring case", () => {
    expect(listMentionedLogins("@Alice (@alice), @zoë, @bob, bob@example.com, @org/team")).toEqual(["Alice", "bob"]);
  });
});
