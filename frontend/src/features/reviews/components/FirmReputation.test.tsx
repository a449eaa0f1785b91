import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { FirmReputation, type Reputation } from "@/features/reviews/components/FirmReputation";
import { renderWithApp } from "@/testing/render";

const established: Reputation = {
  is_new: false,
  note: "",
  rating: { average: 4.33, count: 3, distribution: { "1": 0, "2": 0, "3": 0, "4": 2, "5": 1 } },
  contracts_ended: 5,
  contracts_completed: 4,
  contracts_cancelled: 1,
  contracts_cancelled_by_firm: 0,
  contracts_disputed: 1,
  milestones_funded_on_time: { measured: 8, on_time: 7, percent: 88 },
  milestones_released_on_time: { measured: 6, on_time: 6, percent: 100 },
};

describe("a firm's reputation", () => {
  it("shows the rating, the on-time shares, cancellations and disputes", async () => {
    await renderWithApp(<FirmReputation reputation={established} firmName="Acme Ceramics" />);
    const panel = screen.getByTestId("firm-reputation");
    expect(within(panel).getByRole("heading", { name: "Acme Ceramics's track record" })).toBeInTheDocument();
    expect(within(panel).getByText("4.33 from 3 reviews")).toBeInTheDocument();
    expect(within(panel).getByText("88% (7 of 8)")).toBeInTheDocument();
    expect(within(panel).getByText("100% (6 of 6)")).toBeInTheDocument();
    expect(within(panel).getByText("5 (4 completed)")).toBeInTheDocument();
    expect(within(panel).getByText("1 (0 by the firm)")).toBeInTheDocument();
    expect(screen.queryByTestId("new-firm")).toBeNull();
  });

  it("says a new firm has no track record yet, and too few milestones give no percentage", async () => {
    await renderWithApp(
      <FirmReputation
        reputation={{
          ...established,
          is_new: true,
          note: "New firm, not enough history yet.",
          rating: { average: null, count: 0, distribution: {} },
          contracts_ended: 1,
          contracts_completed: 1,
          contracts_cancelled: 0,
          contracts_disputed: 0,
          milestones_funded_on_time: { measured: 1, on_time: 1, percent: null },
          milestones_released_on_time: { measured: 0, on_time: 0, percent: null },
        }}
      />,
    );
    expect(screen.getByTestId("new-firm")).toHaveTextContent("New firm, not enough history yet.");
    expect(screen.getByText("No reviews yet.")).toBeInTheDocument();
    expect(screen.getByText("Not enough milestones to tell (1 so far)")).toBeInTheDocument();
    expect(screen.getByText("Not enough milestones to tell (0 so far)")).toBeInTheDocument();
  });
});
