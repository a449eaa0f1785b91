import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import type { ContractReviews as Reviews, Review } from "@/features/reviews/api/reviews";
import { ContractReviews } from "@/features/reviews/components/ContractReviews";
import { PublishedReviews } from "@/features/reviews/components/PublishedReviews";
import { renderWithApp } from "@/testing/render";

const closes = "2099-12-06T10:00:00Z";

function review(over: Partial<Review>): Review {
  return {
    id: 1, author_side: "freelancer", reviewer: { name: "Ada Lovelace", slug: "ada" }, rating: 4,
    text: "Clear brief, paid on time.", published_at: null, private_feedback: null, ...over,
  };
}

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

/** The reviews endpoint: GET answers `before`, POST records its body and answers `after`. */
function serve(before: Reviews, after: Reviews) {
  const posted: unknown[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: Request) => {
      if (input.method === "POST") {
        posted.push(await input.json());
        return json(after, 201);
      }
      return json(before);
    }),
  );
  return posted;
}

const empty: Reviews = { my_side: "freelancer", mine: null, theirs: null, counterpart_has_reviewed: false, window_closes_at: closes };

describe("a contract's double-blind reviews", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("asks for a rating, posts the review and shows it hidden until the other side writes", async () => {
    const mine = review({ rating: 4, private_feedback: "Slow to answer on Fridays." });
    const posted = serve(empty, { ...empty, mine });
    await renderWithApp(<ContractReviews contractId={7} ended />);
    expect(await screen.findByText(/The other side has not reviewed yet/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Publish my review" }));
    expect(screen.getByText("Choose a rating from 1 to 5 stars.")).toBeInTheDocument();
    expect(posted).toEqual([]);
    // Keyboard: the stars are a radio group
    await userEvent.click(screen.getByRole("radio", { name: "4 stars" }));
    await userEvent.type(screen.getByLabelText("Public review"), "Clear brief, paid on time.");
    await userEvent.type(screen.getByLabelText("Private feedback for Nanoguild"), "Slow to answer on Fridays.");
    await userEvent.click(screen.getByRole("button", { name: "Publish my review" }));
    expect(await screen.findByText(/Your review is hidden until the other side writes theirs/)).toBeInTheDocument();
    expect(posted).toEqual([{ rating: 4, text: "Clear brief, paid on time.", private_feedback: "Slow to answer on Fridays." }]);
    expect(screen.getByText("Your private feedback: Slow to answer on Fridays.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Publish my review" })).toBeNull();
  });

  it("shows both reviews once published", async () => {
    const at = "2026-11-22T12:00:00Z";
    serve(
      {
        ...empty,
        counterpart_has_reviewed: true,
        mine: review({ published_at: at }),
        theirs: review({ id: 2, author_side: "firm", reviewer: { name: "Acme GmbH", slug: "acme" }, rating: 5, text: "Excellent work.", published_at: at }),
      },
      empty,
    );
    await renderWithApp(<ContractReviews contractId={7} ended />);
    expect(await screen.findByText("Excellent work.")).toBeInTheDocument();
    expect(screen.getByText("Acme GmbH")).toBeInTheDocument();
    expect(screen.getByRole("img", { name: "5 out of 5" })).toBeInTheDocument();
    expect(screen.getByText("Clear brief, paid on time.")).toBeInTheDocument();
    expect(screen.queryByText(/hidden until/)).toBeNull();
  });

  it("tells the reviewer the other side wrote, without saying what", async () => {
    serve({ ...empty, counterpart_has_reviewed: true }, empty);
    await renderWithApp(<ContractReviews contractId={7} ended />);
    expect(await screen.findByText(/The other side has written their review/)).toBeInTheDocument();
  });

  it("shows the server's refusal above the form", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async (input: Request) =>
        input.method === "POST"
          ? json({ code: "review_window_closed", message: "The review window closed.", details: {} }, 409)
          : json(empty),
      ),
    );
    await renderWithApp(<ContractReviews contractId={7} ended />);
    await userEvent.click(await screen.findByRole("radio", { name: "2 stars" }));
    await userEvent.click(screen.getByRole("button", { name: "Publish my review" }));
    expect(await screen.findByText("The review window closed.")).toBeInTheDocument();
  });

  it("lists the published reviews under the rating summary", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => json({ next: null, previous: null, results: [review({ published_at: "2026-11-22T12:00:00Z" })] })));
    await renderWithApp(
      <PublishedReviews about="firm" slug="acme" rating={{ average: 4.5, count: 2, distribution: { "4": 1, "5": 1 } }} />,
    );
    expect(screen.getByText("4.50 from 2 reviews")).toBeInTheDocument();
    expect(await screen.findByText("Clear brief, paid on time.")).toBeInTheDocument();
  });
});
