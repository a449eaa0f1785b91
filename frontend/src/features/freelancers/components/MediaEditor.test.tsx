import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import type { Image, PortfolioItem } from "@/features/freelancers/api/media";
import { MediaEditor } from "@/features/freelancers/components/MediaEditor";
import { PortfolioGallery } from "@/features/freelancers/components/PortfolioGallery";
import { renderWithApp } from "@/testing/render";

function image(id: number): Image {
  return {
    id, url: `/media/images/${id}.png`, content_type: "image/png", width: 800, height: 600,
    thumbnails: { small: `/media/images/${id}-s.png`, medium: `/media/images/${id}-m.png`, large: null },
  };
}

function item(id: number, position: number, caption: string): PortfolioItem {
  return { id, position, caption, link: "", image: image(id), created_at: "2026-11-22T10:00:00Z" };
}

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

/**
 * The portfolio endpoints over an in-memory list; uploads answer `uploadAnswer` when given.
 * jsdom cannot read a multipart Request's body back, so the form's fields are recorded as they
 * are appended.
 */
function serve(initial: PortfolioItem[], uploadAnswer?: { status: number; body: unknown }) {
  let items = [...initial];
  const calls: { method: string; path: string; body: unknown }[] = [];
  let fields = new Map<string, FormDataEntryValue>();
  const append = FormData.prototype.append;
  vi.spyOn(FormData.prototype, "append").mockImplementation(function (this: FormData, name: string, value: string | Blob) {
    fields.set(name, value instanceof File ? value : String(value));
    Reflect.apply(append, this, [name, value]);
  });
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: Request) => {
      const path = new URL(input.url).pathname;
      const multipart = (input.headers.get("Content-Type") ?? "").startsWith("multipart/");
      const form = multipart ? fields : null;
      fields = new Map();
      const body = form ?? (input.method === "POST" || input.method === "PATCH" ? await input.json() : null);
      calls.push({ method: input.method, path, body });
      if (input.method === "GET") return json(items);
      if (uploadAnswer && form) return json(uploadAnswer.body, uploadAnswer.status);
      if (path.endsWith("/reorder/")) {
        const ids = (body as { item_ids: number[] }).item_ids;
        items = ids.flatMap((id, position) => items.filter((i) => i.id === id).map((i) => ({ ...i, position })));
        return json(items);
      }
      if (input.method === "PATCH") {
        const changes = body as Partial<PortfolioItem>;
        if (changes.link === "not a url") return json({ code: "validation_error", message: "Invalid input.", details: { link: ["Enter an http(s) address."] } }, 400);
        items = items.map((i) => (path.endsWith(`/${i.id}/`) ? { ...i, ...changes } : i));
        return json(items.find((i) => path.endsWith(`/${i.id}/`)));
      }
      if (input.method === "DELETE") {
        items = items.filter((i) => !path.endsWith(`/${i.id}/`));
        return new Response(null, { status: 204 });
      }
      const created = item(99, items.length, String(form?.get("caption") ?? ""));
      items = [...items, created];
      return json(created, 201);
    }),
  );
  return calls;
}

const png = () => new File([new Uint8Array([137, 80, 78, 71])], "shop.png", { type: "image/png" });

describe("the profile editor's pictures", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it("uploads a portfolio item as multipart with its caption and link", async () => {
    const calls = serve([]);
    await renderWithApp(<MediaEditor avatar={null} hasProfile />);
    expect(await screen.findByText("No portfolio items yet.")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Add to portfolio" }));
    expect(screen.getByText("Choose an image.")).toBeInTheDocument();
    await userEvent.upload(screen.getByLabelText("Image"), png());
    await userEvent.type(screen.getByLabelText("Caption"), "Ceramics shop");
    await userEvent.type(screen.getByLabelText("Link (optional)"), "https://acme.test");
    await userEvent.click(screen.getByRole("button", { name: "Add to portfolio" }));
    expect(await screen.findByRole("img", { name: "Ceramics shop" })).toHaveAttribute("src", "/media/images/99-s.png");
    const upload = calls.find((c) => c.method === "POST");
    expect(upload?.path).toBe("/api/v1/me/freelancer-profile/portfolio/");
    const form = upload?.body as Map<string, FormDataEntryValue>;
    expect((form.get("image") as File).name).toBe("shop.png");
    expect(form.get("caption")).toBe("Ceramics shop");
    expect(form.get("link")).toBe("https://acme.test");
  });

  it("shows the server's refusal of an image under the field", async () => {
    serve([], {
      status: 413,
      body: { code: "image_too_large", message: "The image is larger than 10 MB.", details: { image: ["The image is larger than 10 MB."], max_bytes: 10485760 } },
    });
    await renderWithApp(<MediaEditor avatar={null} hasProfile />);
    await userEvent.upload(await screen.findByLabelText("Image"), png());
    await userEvent.click(screen.getByRole("button", { name: "Add to portfolio" }));
    expect(await screen.findByText("The image is larger than 10 MB.")).toBeInTheDocument();
    expect(screen.getByLabelText("Image")).toHaveAttribute("aria-invalid", "true");
  });

  it("explains an unsupported avatar format", async () => {
    serve([], { status: 400, body: { code: "image_format_unsupported", message: "Unsupported.", details: {} } });
    await renderWithApp(<MediaEditor avatar={null} hasProfile={false} />);
    expect(screen.queryByRole("heading", { name: "Portfolio" })).toBeNull();
    await userEvent.upload(screen.getByLabelText("Upload a picture"), png());
    expect(await screen.findByRole("alert")).toHaveTextContent("This file is not a JPEG, PNG or WebP image.");
  });

  it("reorders with the arrow buttons and deletes an item", async () => {
    const calls = serve([item(1, 0, "First"), item(2, 1, "Second")]);
    await renderWithApp(<MediaEditor avatar={image(7)} hasProfile />);
    expect(screen.getByRole("img", { name: "Your profile picture" })).toHaveAttribute("src", "/media/images/7-m.png");
    await userEvent.click(await screen.findByRole("button", { name: "Move Second up" }));
    expect(calls.find((c) => c.path.endsWith("/reorder/"))?.body).toEqual({ item_ids: [2, 1] });
    const rows = await screen.findAllByTestId("portfolio-item");
    expect(rows[0]).toHaveTextContent("Second");
    expect(screen.getByRole("button", { name: "Move Second up" })).toBeDisabled();
    await userEvent.click(screen.getByRole("button", { name: "Delete First" }));
    expect(await screen.findByText("Second")).toBeInTheDocument();
    expect(await screen.findAllByTestId("portfolio-item")).toHaveLength(1);
    expect(calls.some((c) => c.method === "DELETE" && c.path === "/api/v1/me/freelancer-profile/portfolio/1/")).toBe(true);
  });

  it("edits an item's caption and link in place, with the server's field errors", async () => {
    const calls = serve([item(1, 0, "First")]);
    await renderWithApp(<MediaEditor avatar={null} hasProfile />);
    await userEvent.click(await screen.findByRole("button", { name: "Edit First" }));
    const form = screen.getByRole("form", { name: "Edit First" });
    const link = within(form).getByLabelText("Link (optional)");
    await userEvent.type(link, "not a url");
    await userEvent.click(within(form).getByRole("button", { name: "Save" }));
    expect(await within(form).findByText("Enter an http(s) address.")).toBeInTheDocument();
    expect(link).toHaveAttribute("aria-invalid", "true");

    const caption = within(form).getByLabelText("Caption");
    await userEvent.clear(caption);
    await userEvent.type(caption, "Ceramics shop");
    await userEvent.clear(link);
    await userEvent.type(link, "https://shop.test");
    await userEvent.click(within(form).getByRole("button", { name: "Save" }));
    expect(await screen.findByRole("img", { name: "Ceramics shop" })).toBeInTheDocument();
    expect(screen.queryByRole("form", { name: "Edit Ceramics shop" })).toBeNull();
    const patch = calls.filter((c) => c.method === "PATCH").at(-1);
    expect(patch).toEqual({ method: "PATCH", path: "/api/v1/me/freelancer-profile/portfolio/1/", body: { caption: "Ceramics shop", link: "https://shop.test" } });
  });

  it("shows the public gallery with thumbnails linking to the full image", async () => {
    await renderWithApp(<PortfolioGallery items={[{ ...item(3, 0, "Shop"), link: "https://shop.test" }]} />);
    expect(screen.getByRole("img", { name: "Shop" })).toHaveAttribute("src", "/media/images/3-m.png");
    expect(screen.getByRole("link", { name: "Shop" })).toHaveAttribute("href", "/media/images/3.png");
    expect(screen.getByRole("link", { name: "Visit" })).toHaveAttribute("href", "https://shop.test");
  });
});
