import { describe, expect, it } from "vitest";

import { formatDate, formatDateTime, formatMoney, toMinor } from "@/lib/format";

describe("money", () => {
  it("formats minor units in the user's locale with the currency's own decimals", () => {
    expect(formatMoney(123456, "EUR", "en")).toBe("€1,234.56");
    expect(formatMoney(123456, "EUR", "de")).toBe("1.234,56\u00a0€");
    expect(formatMoney(123456, "EUR", "fr")).toBe("1\u202f234,56\u00a0€");
    expect(formatMoney(1500, "JPY", "en")).toBe("¥1,500");
  });

  it("turns a typed major amount into integer minor units", () => {
    expect(toMinor("12.5", "EUR")).toBe(1250);
    expect(toMinor("12,5", "EUR")).toBe(1250);
    expect(toMinor("0.1", "EUR") + toMinor("0.2", "EUR")).toBe(30);
    expect(toMinor("1500", "JPY")).toBe(1500);
    expect(toMinor("abc", "EUR")).toBeNaN();
  });
});

describe("dates", () => {
  it("shows an instant in the user's time zone", () => {
    const iso = "2026-11-22T23:30:00Z";
    expect(formatDateTime(iso, "en", "UTC")).toBe("Nov 22, 2026, 11:30 PM");
    expect(formatDateTime(iso, "de", "Europe/Berlin")).toBe("23.11.2026, 00:30");
  });

  it("keeps a calendar date on its day whatever the zone", () => {
    expect(formatDate("2026-12-06", "fr")).toBe("6 déc. 2026");
  });
});
