import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { Field } from "@/components/Field";
import { ErrorNotice, Loading } from "@/components/States";
import { TimeZoneSelect } from "@/components/TimeZoneSelect";
import { api, unwrap, type Schemas } from "@/lib/api-client";
import { fieldErrors } from "@/lib/errors";
import { LANGUAGES, changeLanguage, isLanguage } from "@/lib/i18n";
import { meKey, type Me } from "@/lib/session";

type Preferences = Schemas["NotificationPreference"];
const KINDS = ["message", "invitation", "proposal", "contract", "milestone", "payment"] as const;

function AccountSettings({ me }: { me: Me }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form, setForm] = useState({ full_name: me.full_name, language: me.language, time_zone: me.time_zone });
  const save = useMutation({
    mutationFn: () => unwrap(api.PATCH("/api/v1/me/", { body: form })),
    onSuccess: async (data) => {
      client.setQueryData(meKey, data);
      if (isLanguage(data.language)) await changeLanguage(data.language);
    },
  });
  const errors = fieldErrors(save.error);
  return (
    <form className="card form" noValidate onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
      <h2>{t("settings.account")}</h2>
      {save.error && Object.keys(errors).length === 0 ? <ErrorNotice error={save.error} /> : null}
      {save.isSuccess && <p className="notice" role="status">{t("common.saved")}</p>}
      <Field label={t("settings.fullName")} error={errors["full_name"]}>
        {(p) => <input {...p} value={form.full_name} onChange={(e) => setForm({ ...form, full_name: e.target.value })} />}
      </Field>
      <Field label={t("nav.language")} error={errors["language"]}>
        {(p) => (
          <select {...p} value={form.language} onChange={(e) => setForm({ ...form, language: e.target.value as Me["language"] })}>
            {LANGUAGES.map((code) => (
              <option key={code} value={code}>
                {t(`languages.${code}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t("common.timeZone")} hint={t("settings.timeZoneHint")} error={errors["time_zone"]}>
        {(p) => <TimeZoneSelect {...p} value={form.time_zone} onChange={(time_zone) => setForm({ ...form, time_zone })} />}
      </Field>
      <button type="submit" className="button" disabled={save.isPending}>
        {t("common.save")}
      </button>
    </form>
  );
}

function NotificationSettings() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const prefs = useQuery({ queryKey: ["notification-preferences"], queryFn: () => unwrap(api.GET("/api/v1/notification-preferences/")) });
  const save = useMutation({
    mutationFn: (body: Preferences) => unwrap(api.PATCH("/api/v1/notification-preferences/", { body })),
    onSuccess: (data) => client.setQueryData(["notification-preferences"], data),
  });
  // The box flips at once (one that waits for the server looks broken); a failed save drops
  // the local choice, so the stored value shows again.
  const [chosen, setChosen] = useState<Preferences>({});
  if (prefs.isLoading) return <Loading />;
  if (prefs.error || !prefs.data) return <ErrorNotice error={prefs.error} />;
  const data = prefs.data;
  return (
    <fieldset className="card">
      <legend>{t("settings.emails")}</legend>
      {save.error ? <ErrorNotice error={save.error} /> : null}
      {KINDS.map((kind) => {
        const field = `email_${kind}` as const;
        return (
          <label key={kind} className="check">
            <input
              type="checkbox"
              checked={chosen[field] ?? data[field] ?? true}
              onChange={(e) => {
                const body = { [field]: e.target.checked };
                setChosen((prev) => ({ ...prev, ...body }));
                save.mutate(body, {
                  onError: () =>
                    setChosen((prev) => {
                      const { [field]: _dropped, ...rest } = prev;
                      return rest;
                    }),
                });
              }}
            />
            {t(`notifications.kind.${kind}`)}
          </label>
        );
      })}
    </fieldset>
  );
}

export function SettingsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  return (
    <section className="stack">
      <h1>{t("nav.settings")}</h1>
      <AccountSettings me={me} />
      <NotificationSettings />
    </section>
  );
}
