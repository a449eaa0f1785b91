import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { Facets, toggleFacet } from "@/features/search/components/Facets";
import { renderWithApp } from "@/testing/render";

describe("facets", () => {
  it("adds and removes values of multi-valued facets, replaces single-valued ones", () => {
    expect(toggleFacet(undefined, "django", "skills")).toBe("django");
    expect(toggleFacet("django", "react", "skills")).toBe("django,react");
    expect(toggleFacet("django,react", "django", "skills")).toBe("react");
    expect(toggleFacet("react", "react", "skills")).toBeUndefined();
    expect(toggleFacet("DE", "FR", "country")).toBe("FR");
    expect(toggleFacet("FR", "FR", "country")).toBeUndefined();
  });

  it("shows counts, checks the selected values and toggles by keyboard", async () => {
    const onToggle = vi.fn();
    await renderWithApp(
      <Facets
        facets={{ skills: [{ value: "django", label: "Django", count: 3 }, { value: "react", label: "React", count: 1 }], engagement_type: [{ value: "fixed", count: 2 }], country: [{ value: "DE", count: 4 }], languages: [{ value: "fr", count: 5 }] }}
        selected={{ skills: "react" }}
        onToggle={onToggle}
      />,
    );
    expect(screen.getByRole("group", { name: "Skills" })).toBeInTheDocument();
    expect(screen.getByRole("checkbox", { name: "React 1" })).toBeChecked();
    expect(screen.getByRole("checkbox", { name: "Django 3" })).not.toBeChecked();
    expect(screen.getByRole("checkbox", { name: "Fixed price 2" })).toBeInTheDocument();
    expect(screen.getByRole("checkbox", { name: "Germany 4" })).toBeInTheDocument();
    expect(screen.getByRole("checkbox", { name: "French 5" })).toBeInTheDocument();
    screen.getByRole("checkbox", { name: "Django 3" }).focus();
    await userEvent.keyboard(" ");
    expect(onToggle).toHaveBeenCalledWith("skills", "django");
  });
});
