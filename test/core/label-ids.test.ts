import { beforeEach, describe, expect, test } from "@jest/globals";
import {
  forgetAllLabelIds, forgetLabelId, isLabelKnownAbsent, knownLabelId, labelLookupFields, rememberLabelIds, rememberLabelList, rememberLookedUpLabels,
} from "../../src/core/label-ids.js";

const repo = { owner: "o", repo: "r" };
const aliasOf = (name: string) => labelLookupFields([name]).split(":")[0]!;

describe("the label id directory", () => {
  beforeEach(() => forgetAllLabelIds());

  test("ids from payloads (node_id) and GraphQL nodes (id), names compared as GitHub does", () => {
    rememberLabelIds(repo, [{ name: "Group/Ready", node_id: "LA_1" }, { name: "vote/open", id: "LA_2" }, null, { name: "no id" }]);
    expect(knownLabelId(repo, "group/ready")).toBe("LA_1");
    expect(knownLabelId(repo, "VOTE/OPEN")).toBe("LA_2");
    expect(knownLabelId(repo, "no id")).toBeUndefined();
    expect(knownLabelId({ owner: "o", repo: "other" }, "vote/open")).toBeUndefined();
  });

  test("a look-up's answer says which labels exist and which the repository lacks, whatever the name", () => {
    const names = ["group/approved", "tag:auth-ig", "ünïcode ✓"];
    expect(labelLookupFields(names)).toMatch(/^convenerLabel_[0-9a-f]+: label\(name: "group\/approved"\) \{ id name \}/);
    rememberLookedUpLabels(repo, { id: "R_1", [aliasOf(names[0]!)]: { id: "LA_9", name: "group/approved" }, [aliasOf(names[1]!)]: null, [aliasOf(names[2]!)]: null });
    expect(knownLabelId(repo, "group/approved")).toBe("LA_9");
    expect(isLabelKnownAbsent(repo, "tag:auth-ig")).toBe(true);
    expect(isLabelKnownAbsent(repo, "ünïcode ✓")).toBe(true);
    expect(isLabelKnownAbsent(repo, "never asked")).toBe(false);
    rememberLabelIds(repo, [{ name: "tag:auth-ig", id: "LA_10" }]); // created since
    expect(isLabelKnownAbsent(repo, "tag:auth-ig")).toBe(false);
  });

  test("a complete list of the repository's labels makes every other name absent; a partial one says nothing", () => {
    rememberLabelList(repo, [{ name: "bug", id: "LA_1" }], false);
    expect(isLabelKnownAbsent(repo, "agents-wg")).toBe(false);
    rememberLabelList(repo, [{ name: "bug", id: "LA_1" }], true);
    expect(isLabelKnownAbsent(repo, "agents-wg")).toBe(true);
    expect(isLabelKnownAbsent(repo, "bug")).toBe(false);
    forgetLabelId(repo, "bug"); // renamed or deleted: the list is no longer known to be whole
    expect(isLabelKnownAbsent(repo, "agents-wg")).toBe(false);
  });
});
