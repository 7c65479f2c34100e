import { afterEach, describe, expect, test } from "@jest/globals";
import { graphqlOperations } from "../support/community-repo.js";
import { requestsDuring, lastDelivery } from "../support/delivery-requests.js";
import { validIgBody } from "../support/intake-bodies.js";
import { IG_LABELS, REPO, REQUESTER, startIntakeWorld, USERS, type IntakeWorld } from "../support/intake-stand-in.js";
import { seedComments } from "../support/long-threads.js";

/** A request with more comments than one page: the app finds its verdict where it is and keeps one. */
describe("intake on a request longer than one page, on the stand-in", () => {
  let w: IntakeWorld;
  afterEach(async () => w?.stop());

  test("the app's comment beyond the first 100 comments is edited in place, never posted twice", async () => {
    w = await startIntakeWorld({ config: "intake:\n  checkUsers: true\n", users: USERS });
    const issue = w.seedRequest(validIgBody({ facilitators: "Jane Doe" }), IG_LABELS);
    const bot = w.standIn.state.app.botLogin;
    // 120 comments of discussion, then the app's earlier verdict, then 40 more: it is comment 121 of 161.
    seedComments(w.standIn, REPO, issue.number, 120, (i) => `Thought ${i}.`);
    const [verdict] = seedComments(w.standIn, REPO, issue.number, 1, () => "<!-- convener:intake -->\nAn old verdict.", () => bot);
    seedComments(w.standIn, REPO, issue.number, 40, (i) => `Later thought ${i}.`);

    w.standIn.control.as(REQUESTER, REPO).editIssue(issue.number, { body: validIgBody() });
    await w.settle();
    const comments = w.appComments(issue.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.id).toBe(verdict!.id);
    expect(comments[0]!.body).toContain("ready for moderator review");
    // One more query (the second page of comments), only because the first page did not hold it.
    const operations = graphqlOperations(requestsDuring(w.standIn, lastDelivery(w.standIn, "issues", "edited")));
    expect(operations.filter((o) => o === "CommentsPage")).toHaveLength(1);
  });

  test("a request whose verdict is on the first page costs no request for the other 150 comments", async () => {
    w = await startIntakeWorld({ config: "intake:\n  checkUsers: true\n", users: USERS });
    const issue = await w.open(validIgBody({ facilitators: "Jane Doe" }), IG_LABELS);
    seedComments(w.standIn, REPO, issue.number, 150, (i) => `Thought ${i}.`);
    w.standIn.control.as(REQUESTER, REPO).editIssue(issue.number, { body: validIgBody() });
    await w.settle();
    expect(w.appComments(issue.number)).toHaveLength(1);
    const operations = graphqlOperations(requestsDuring(w.standIn, lastDelivery(w.standIn, "issues", "edited")));
    expect(operations).not.toContain("CommentsPage");
  });
});
