import { describe, expect, test } from "@jest/globals";
import { warmUp } from "../../src/warm-up.js";

describe("the server's warm-up: the hot parsers once, before the first delivery", () => {
  test("its samples take the paths a delivery takes: two requests judged, a charter, a clean SEP, a valid agenda, commands", () => {
    const result = warmUp();
    expect(result.requestActions).toEqual(["comment.create", "labels.add", "comment.create", "labels.add"]);
    expect(result).toMatchObject({ charter: "Warm-up", sepErrors: 0, agendaOk: true, commands: 2 });
    // It runs once per server start; a second run is as harmless as the first.
    expect(warmUp()).toEqual(result);
  });
});
