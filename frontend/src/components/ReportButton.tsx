import { useMutation } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";

import { ErrorNotice } from "@/components/States";
import { ApiError, api, unwrap, type Schemas } from "@/lib/api-client";

export type ReportKind = Schemas["ReportCreateInputKindEnum"];
type Reason = Schemas["ReportReason"];

export const REPORT_REASONS: Reason[] = [
  "spam", "scam", "off_platform", "harassment", "inappropriate", "impersonation", "intellectual_property", "other",
];

/**
 * "Report" on a profile, gig, firm, review or chat message: a reason picker and an optional
 * note, posted to /reports/ for the moderators. Shared UI, since every feature has something
 * to report and features do not import each other.
 */
export function ReportButton({ kind, objectId, label }: { kind: ReportKind; objectId: number; label?: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<Reason | "">("");
  const [text, setText] = useState("");
  const [missing, setMissing] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const send = useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/reports/", { body: { kind, object_id: objectId, reason: reason as Reason, text } })),
  });
  const close = () => {
    setOpen(false);
    opener.current?.focus();
  };
  if (send.isSuccess) {
    return (
      <p className="hint" role="status">
        {t("report.thanks")} <Link to="/reports">{t("report.seeMine")}</Link>
      </p>
    );
  }
  return (
    <div className="report">
      <button
        ref={opener}
        type="button"
        className="link-button"
        aria-expanded={open}
        aria-controls={`${id}-form`}
        onClick={() => setOpen((v) => !v)}
      >
        {label ?? t("report.open")}
      </button>
      {open && (
        <form
          id={`${id}-form`}
          className="card form report__form"
          noValidate
          onKeyDown={(e) => {
            if (e.key === "Escape") close();
          }}
          onSubmit={(e) => {
            e.preventDefault();
            if (!reason) {
              setMissing(true);
              return;
            }
            send.mutate();
          }}
        >
          {send.error ? <ErrorNotice error={send.error} /> : null}
          {send.error instanceof ApiError && send.error.code === "already_reported" && <Link to="/reports">{t("report.seeMine")}</Link>}
          <div className={missing ? "field field--error" : "field"}>
            <label htmlFor={`${id}-reason`}>{t("report.reason")}</label>
            <select
              id={`${id}-reason`}
              autoFocus
              value={reason}
              aria-invalid={missing || undefined}
              aria-describedby={missing ? `${id}-reason-error` : undefined}
              onChange={(e) => {
                setReason(e.target.value as Reason | "");
                setMissing(false);
              }}
            >
              <option value="">{t("report.choose")}</option>
              {REPORT_REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`report.reasons.${r}`)}
                </option>
              ))}
            </select>
            {missing && (
              <small id={`${id}-reason-error`} className="error" role="alert">
                {t("report.reasonRequired")}
              </small>
            )}
          </div>
          <div className="field">
            <label htmlFor={`${id}-text`}>{t("report.text")}</label>
            <textarea id={`${id}-text`} rows={3} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} />
          </div>
          <div className="row">
            <button type="submit" className="button" disabled={send.isPending}>
              {t("report.send")}
            </button>
            <button type="button" className="button button--secondary" onClick={close}>
              {t("common.cancel")}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
