import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * A destructive action asked twice: the first click shows the question with "yes" and "no"
 * (focus moves to "no", the safe choice); only "yes" acts.
 */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  onConfirm,
  pending,
}: {
  label: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  pending: boolean;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) keep.current?.focus();
  }, [asking]);
  if (!asking) {
    return (
      <button type="button" className="button button--secondary" onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <div className="confirm" role="group" aria-label={question}>
      <p>{question}</p>
      <button
        type="button"
        className="button button--danger"
        disabled={pending}
        onClick={() => {
          onConfirm();
          setAsking(false);
        }}
      >
        {confirmLabel}
      </button>
      <button ref={keep} type="button" className="button button--secondary" onClick={() => setAsking(false)}>
        {t("common.keep")}
      </button>
    </div>
  );
}
