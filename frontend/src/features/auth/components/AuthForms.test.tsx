import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import { LoginForm, SignupForm } from "@/features/auth/components/AuthForms";
import { renderWithApp } from "@/testing/render";

function answer(status: number, body: object) {
  return vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } }));
}

describe("auth forms", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("shows allauth's password error next to the password field, with the CSRF token sent", async () => {
    document.cookie = "csrftoken=tok123";
    const fetch = answer(400, { status: 400, errors: [{ code: "password_too_short", message: "This password is too short.", param: "password" }] });
    vi.stubGlobal("fetch", fetch);
    await renderWithApp(<SignupForm />);
    await userEvent.type(screen.getByLabelText("Email"), "new@example.test");
    await userEvent.type(screen.getByLabelText("Password"), "123");
    await userEvent.click(screen.getByRole("button", { name: "Sign up" }));
    const password = screen.getByLabelText("Password");
    expect(await screen.findByText("This password is too short.")).toBeInTheDocument();
    expect(password).toHaveAttribute("aria-invalid", "true");
    expect(password.getAttribute("aria-describedby")).toContain("error");
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe("/_allauth/browser/v1/auth/signup");
    expect((init.headers as Record<string, string>)["X-CSRFToken"]).toBe("tok123");
    expect(JSON.parse(String(init.body))).toEqual({ email: "new@example.test", password: "123" });
  });

  it("shows a form-level message for an error that names no field", async () => {
    vi.stubGlobal("fetch", answer(400, { status: 400, errors: [{ code: "email_password_mismatch", message: "The email address and/or password you specified are not correct." }] }));
    await renderWithApp(<LoginForm />);
    await userEvent.type(screen.getByLabelText("Email"), "x@example.test");
    await userEvent.type(screen.getByLabelText("Password"), "wrong-password");
    await userEvent.click(screen.getByRole("button", { name: "Log in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("The email address and/or password you specified are not correct.");
  });

  it("says so when the server cannot be reached", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => { throw new TypeError("Failed to fetch"); }));
    await renderWithApp(<LoginForm />);
    await userEvent.type(screen.getByLabelText("Email"), "x@example.test");
    await userEvent.type(screen.getByLabelText("Password"), "whatever-long");
    await userEvent.click(screen.getByRole("button", { name: "Log in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("We cannot reach the server.");
  });
});
