import { describe, expect, it } from "vitest";

import { ApiError, toApiError } from "@/lib/api-client";

describe("API errors", () => {
  it("maps a validation error's details to one message per field", () => {
    const error = toApiError(400, {
      code: "validation_error",
      message: "Invalid input.",
      details: { title: ["This field may not be blank."], budget_max_minor: ["Must be at least the minimum."] },
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe("validation_error");
    expect(error.fieldErrors()).toEqual({
      title: "This field may not be blank.",
      budget_max_minor: "Must be at least the minimum.",
    });
  });

  it("puts a domain error that names its field next to that field", () => {
    const error = toApiError(400, { code: "slug_taken", message: "This address is taken.", details: { field: "slug" } });
    expect(error.fieldErrors()).toEqual({ slug: "This address is taken." });
  });

  it("turns a body that is not ours into a coded error", () => {
    expect(toApiError(502, "<html>bad gateway</html>").code).toBe("server_error");
    expect(toApiError(404, null).code).toBe("unknown");
  });
});
