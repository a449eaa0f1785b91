import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";

import { Field } from "@/components/Field";
import { ErrorNotice } from "@/components/States";
import { auth } from "@/lib/auth";
import { fieldErrors } from "@/lib/errors";
import { meKey, setSignedIn } from "@/lib/session";

function useAfterSignIn() {
  const client = useQueryClient();
  const navigate = useNavigate();
  return async (to: string) => {
    setSignedIn(true);
    await client.invalidateQueries({ queryKey: meKey });
    navigate(to);
  };
}

export function LoginForm() {
  const { t } = useTranslation();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const navigate = useNavigate();
  const afterSignIn = useAfterSignIn();
  const login = useMutation({
    mutationFn: () => auth.login(email, password),
    onSuccess: async (result) => {
      if (result.authenticated) await afterSignIn("/welcome");
      else if (result.pendingFlows.includes("verify_email")) navigate("/verify-email");
    },
  });
  const errors = fieldErrors(login.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate();
  };
  return (
    <form className="card form narrow" onSubmit={submit} noValidate>
      <h1>{t("auth.loginTitle")}</h1>
      {login.error && !errors["email"] && !errors["password"] ? <ErrorNotice error={login.error} /> : null}
      <Field label={t("auth.email")} error={errors["email"]}>
        {(p) => <input {...p} type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />}
      </Field>
      <Field label={t("auth.password")} error={errors["password"]}>
        {(p) => (
          <input {...p} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        )}
      </Field>
      <button type="submit" className="button" disabled={login.isPending}>
        {t("auth.login")}
      </button>
      <p>
        <Link to="/password/reset">{t("auth.forgot")}</Link> · <Link to="/signup">{t("auth.noAccount")}</Link>
      </p>
    </form>
  );
}

export function SignupForm() {
  const { t } = useTranslation();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const navigate = useNavigate();
  const afterSignIn = useAfterSignIn();
  const signup = useMutation({
    mutationFn: () => auth.signup(email, password),
    onSuccess: async (result) => {
      if (result.authenticated) await afterSignIn("/welcome");
      else navigate("/verify-email", { state: { email } });
    },
  });
  const errors = fieldErrors(signup.error);
  return (
    <form
      className="card form narrow"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        signup.mutate();
      }}
    >
      <h1>{t("auth.signupTitle")}</h1>
      <p className="lead">{t("auth.signupLead")}</p>
      {signup.error && !errors["email"] && !errors["password"] ? <ErrorNotice error={signup.error} /> : null}
      <Field label={t("auth.email")} error={errors["email"]}>
        {(p) => <input {...p} type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />}
      </Field>
      <Field label={t("auth.password")} hint={t("auth.passwordHint")} error={errors["password"]}>
        {(p) => (
          <input {...p} type="password" autoComplete="new-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        )}
      </Field>
      <button type="submit" className="button" disabled={signup.isPending}>
        {t("auth.signup")}
      </button>
      <p>
        <Link to="/login">{t("auth.haveAccount")}</Link>
      </p>
    </form>
  );
}

export function VerifyEmailForm({ initialKey }: { initialKey?: string | undefined }) {
  const { t } = useTranslation();
  const [key, setKey] = useState(initialKey ?? "");
  const afterSignIn = useAfterSignIn();
  const verify = useMutation({
    mutationFn: () => auth.verifyEmail(key.trim()),
    onSuccess: async () => afterSignIn("/welcome"),
  });
  const errors = fieldErrors(verify.error);
  return (
    <form
      className="card form narrow"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        verify.mutate();
      }}
    >
      <h1>{t("auth.verifyTitle")}</h1>
      <p className="lead">{t("auth.verifyLead")}</p>
      {verify.error && !errors["key"] ? <ErrorNotice error={verify.error} /> : null}
      <Field label={t("auth.verifyKey")} error={errors["key"]}>
        {(p) => <input {...p} required value={key} onChange={(e) => setKey(e.target.value)} />}
      </Field>
      <button type="submit" className="button" disabled={verify.isPending || !key.trim()}>
        {t("auth.verify")}
      </button>
    </form>
  );
}

export function PasswordResetForm({ resetKey }: { resetKey?: string | undefined }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const navigate = useNavigate();
  const request = useMutation({ mutationFn: () => auth.requestPasswordReset(email) });
  const reset = useMutation({
    mutationFn: () => auth.resetPassword(resetKey ?? "", password),
    onSuccess: () => navigate("/login"),
  });
  if (resetKey) {
    const errors = fieldErrors(reset.error);
    return (
      <form className="card form narrow" noValidate onSubmit={(e) => { e.preventDefault(); reset.mutate(); }}>
        <h1>{t("auth.resetTitle")}</h1>
        {reset.error && !errors["password"] ? <ErrorNotice error={reset.error} /> : null}
        <Field label={t("auth.newPassword")} hint={t("auth.passwordHint")} error={errors["password"]}>
          {(p) => <input {...p} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
        </Field>
        <button type="submit" className="button" disabled={reset.isPending}>
          {t("auth.resetSave")}
        </button>
      </form>
    );
  }
  const errors = fieldErrors(request.error);
  return (
    <form className="card form narrow" noValidate onSubmit={(e) => { e.preventDefault(); request.mutate(); }}>
      <h1>{t("auth.resetTitle")}</h1>
      {request.isSuccess ? (
        <p className="notice" role="status">{t("auth.resetSent")}</p>
      ) : (
        <>
          {request.error && !errors["email"] ? <ErrorNotice error={request.error} /> : null}
          <Field label={t("auth.email")} error={errors["email"]}>
            {(p) => <input {...p} type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />}
          </Field>
          <button type="submit" className="button" disabled={request.isPending}>
            {t("auth.resetSend")}
          </button>
        </>
      )}
    </form>
  );
}
