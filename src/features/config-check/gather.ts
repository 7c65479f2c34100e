import type { FeatureContext } from "../../core/feature.js";
import { MAX_CONFIG_BYTES } from "../../config/read-config-text.js";
import type { RepoRef } from "../../core/plan.js";
import { readPullRequest } from "../pull-request-read.js";

/** The configuration file a pull request changes: in the repository, or in the organisation's `.github` repository (same path). */
export const CONFIG_PATH = ".github/convener.yml";

export interface ConfigCheckInput {
  target: RepoRef;
  headSha: string;
  /** The file at the pull request's head; null when the pull request deletes it. */
  text: string | null;
  /** The file is larger than Convener reads. */
  tooLarge: boolean;
  deliveryId: string;
}

/** Reads the file at the head of a pull request that changes it; null (nothing to check) otherwise. */
export async function gatherConfigCheck(ctx: FeatureContext): Promise<ConfigCheckInput | null> {
  const pull = ctx.payload?.pull_request;
  if (!pull?.head?.sha || typeof pull.number !== "number") return null;
  // The same read as the SEP and agenda checks (one request per delivery, shared): no cost of its own
  // unless the pull request changes the configuration.
  const facts = await readPullRequest(ctx, pull.number);
  if (!facts.pull) return null;
  const { files } = await facts.pull.listFiles();
  const changed = files.find((f) => f.path === CONFIG_PATH);
  if (!changed) return null;
  const base = { target: ctx.repo, headSha: facts.pull.headRefOid, deliveryId: ctx.deliveryId };
  if (changed.changeType === "DELETED") return { ...base, text: null, tooLarge: false };
  const file = await ctx.github.get<{ content?: string; size?: number }>("/repos/{owner}/{repo}/contents/{path}", { ...ctx.repo, path: CONFIG_PATH, ref: base.headSha });
  if ((file.size ?? 0) > MAX_CONFIG_BYTES) return { ...base, text: null, tooLarge: true };
  return { ...base, text: Buffer.from(file.content ?? "", "base64").toString("utf8"), tooLarge: false };
}
