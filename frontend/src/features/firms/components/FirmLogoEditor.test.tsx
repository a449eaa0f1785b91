import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import type { Schemas } from "@/lib/api-client";
import { FirmLogoEditor } from "@/features/firms/components/FirmLogoEditor";
import { FirmPage } from "@/features/firms/components/FirmPage";
import { renderWithApp } from "@/testing/render";

const logo: Schemas["ImageOutput"] = {
  id: 4, url: "/media/images/4.png", content_type: "image/png", width: 400, height: 400,
  thumbnails: { small: "/media/images/4-s.png", medium: "/media/images/4-m.png", large: null },
};

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

/** The logo endpoint answering `answer`; records method, path and the uploaded file's name. */
function serve(answer: Response) {
  const calls: string[] = [];
  let uploaded = "";
  const append = FormData.prototype.append;
  vi.spyOn(FormData.prototype, "append").mockImplementation(function (this: FormData, name: string, value: string | Blob) {
    if (value instanceof File) uploaded = `${name}=${value.name}`;
    Reflect.apply(append, this, [name, value]);
  });
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: Request) => {
      calls.push(`${input.method} ${new URL(input.url).pathname}`);
      return answer.clone();
    }),
  );
  return { calls, uploaded: () => uploaded };
}

const png = () => new File([new Uint8Array([137, 80, 78, 71])], "logo.png", { type: "image/png" });

describe("the firm logo", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it("uploads the logo as multipart to the firm's logo endpoint", async () => {
    const api = serve(json(logo));
    await renderWithApp(<FirmLogoEditor slug="acme" name="Acme" logo={null} />);
    expect(screen.getByText("No logo yet.")).toBeInTheDocument();
    await userEvent.upload(screen.getByLabelText("Upload a logo"), png());
    await vi.waitFor(() => expect(api.calls).toContain("PUT /api/v1/firms/acme/logo/"));
    expect(api.uploaded()).toBe("image=logo.png");
    expect(screen.getByLabelText("Upload a logo")).not.toHaveAttribute("aria-invalid");
  });

  it.each([
    ["image_too_large", 413, "The image is too large: the limit is 10 MB."],
    ["image_format_unsupported", 400, "This file is not a JPEG, PNG or WebP image."],
    ["upload_quota_exceeded", 429, "You have uploaded too much today. Try again tomorrow."],
  ])("shows %s under the field with its own sentence", async (code, status, sentence) => {
    serve(json({ code, message: "server words", details: {} }, status));
    await renderWithApp(<FirmLogoEditor slug="acme" name="Acme" logo={logo} />);
    const field = screen.getByLabelText("Replace the logo");
    await userEvent.upload(field, png());
    expect(await screen.findByText(sentence)).toHaveAttribute("role", "alert");
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(field.getAttribute("aria-describedby")).toContain(screen.getByText(sentence).id);
  });

  it("removes the logo", async () => {
    const api = serve(new Response(null, { status: 204 }));
    await renderWithApp(<FirmLogoEditor slug="acme" name="Acme" logo={logo} />);
    expect(screen.getByRole("img", { name: "Logo of Acme" })).toHaveAttribute("src", "/media/images/4-m.png");
    await userEvent.click(screen.getByRole("button", { name: "Remove the logo" }));
    await vi.waitFor(() => expect(api.calls).toContain("DELETE /api/v1/firms/acme/logo/"));
  });

  it("shows the logo on the public firm page", async () => {
    const firm = {
      id: 1, slug: "acme", name: "Acme", description: "Shops", country: "DE", time_zone: "Europe/Berlin",
      working_hours_start: "09:00:00", working_hours_end: "17:00:00", size: "solo", website: "", logo,
      created_at: "2026-11-22T10:00:00Z", reputation: null,
    };
    vi.stubGlobal(
      "fetch",
      vi.fn(async (input: Request) => json(new URL(input.url).pathname.startsWith("/api/v1/gigs/") ? { next: null, previous: null, results: [] } : firm)),
    );
    await renderWithApp(<FirmPage slug="acme" member={false} />);
    expect(await screen.findByRole("img", { name: "Logo of Acme" })).toHaveAttribute("src", "/media/images/4-m.png");
    expect(screen.queryByRole("button", { name: "Edit" })).toBeNull();
  });
});
