import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";

import { Field } from "@/components/Field";
import { ErrorNotice, Loading } from "@/components/States";
import { fieldErrors } from "@/lib/errors";
import { toMinor, useFormat } from "@/lib/format";
import {
  useEditProposal,
  useMyProposals,
  useProposalDecision,
  useSubmitProposal,
  type Proposal,
  type ProposalInput,
} from "@/features/proposals/api/proposals";

interface ProposalFormProps {
  currency: string;
  initial?: Proposal | undefined;
  pending: boolean;
  error: unknown;
  onSubmit: (body: ProposalInput) => void;
  onCancel?: () => void;
}

function ProposalForm({ currency, initial, pending, error, onSubmit, onCancel }: ProposalFormProps) {
  const { t } = useTranslation();
  const [cover, setCover] = useState(initial?.cover_letter ?? "");
  const [price, setPrice] = useState(initial ? String(initial.price_minor / 100) : "");
  const [days, setDays] = useState(initial ? String(initial.estimated_duration_days) : "14");
  const errors = fieldErrors(error);
  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit({ cover_letter: cover, price_minor: toMinor(price || "0", currency), estimated_duration_days: Number(days), currency });
      }}
    >
      {error && Object.keys(errors).length === 0 ? <ErrorNotice error={error} /> : null}
      <Field label={t("proposal.coverLetter")} error={errors["cover_letter"]}>
        {(p) => <textarea {...p} name="cover_letter" rows={5} value={cover} onChange={(e) => setCover(e.target.value)} />}
      </Field>
      <div className="row">
        <Field label={t("proposal.price", { currency })} error={errors["price_minor"]}>
          {(p) => <input {...p} name="price" inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value)} />}
        </Field>
        <Field label={t("proposal.days")} error={errors["estimated_duration_days"]}>
          {(p) => <input {...p} name="days" type="number" min={1} value={days} onChange={(e) => setDays(e.target.value)} />}
        </Field>
      </div>
      <button type="submit" className="button" disabled={pending}>
        {initial ? t("common.save") : t("proposal.submit")}
      </button>
      {onCancel && (
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      )}
    </form>
  );
}

function OwnProposal({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [editing, setEditing] = useState(false);
  const edit = useEditProposal(proposal.id);
  const decide = useProposalDecision();
  const editable = proposal.status === "submitted" || proposal.status === "shortlisted";
  if (editing) {
    return (
      <ProposalForm
        currency={proposal.currency}
        initial={proposal}
        pending={edit.isPending}
        error={edit.error}
        onSubmit={(body) => edit.mutate(body, { onSuccess: () => setEditing(false) })}
        onCancel={() => setEditing(false)}
      />
    );
  }
  return (
    <div data-testid="own-proposal">
      <p>
        <span className={`badge badge--${proposal.status}`}>{t(`proposal.status.${proposal.status}`)}</span>{" "}
        {fmt.money(proposal.price_minor, proposal.currency)} · {t("proposal.daysValue", { count: proposal.estimated_duration_days })}
      </p>
      <p className="prose">{proposal.cover_letter}</p>
      {decide.error ? <ErrorNotice error={decide.error} /> : null}
      {proposal.contract_id !== null && <Link to={`/contracts/${proposal.contract_id}`}>{t("proposal.openContract")}</Link>}
      {editable && (
        <p className="actions">
          <button type="button" className="button button--secondary" onClick={() => setEditing(true)}>
            {t("common.edit")}
          </button>
          <button type="button" className="button button--danger" onClick={() => decide.mutate({ id: proposal.id, action: "withdraw" })}>
            {t("proposal.withdraw")}
          </button>
        </p>
      )}
    </div>
  );
}

/** A freelancer's side of a gig: propose, or see, edit and withdraw their proposal. */
export function ProposalPanel({ gigId, currency, open }: { gigId: number; currency: string; open: boolean }) {
  const { t } = useTranslation();
  const mine = useMyProposals(gigId);
  const submit = useSubmitProposal(gigId);
  const current = mine.data?.results.find((p) => p.status !== "withdrawn") ?? null;
  return (
    <section className="card" aria-labelledby="proposal-h">
      <h2 id="proposal-h">{t("proposal.yours")}</h2>
      {mine.isLoading && <Loading />}
      {mine.error && <ErrorNotice error={mine.error} />}
      {current ? (
        <OwnProposal proposal={current} />
      ) : open ? (
        <ProposalForm currency={currency} pending={submit.isPending} error={submit.error} onSubmit={(body) => submit.mutate(body)} />
      ) : (
        <p className="muted">{t("proposal.gigNotOpen")}</p>
      )}
    </section>
  );
}
