import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";

import { ConfirmButton } from "@/components/ConfirmButton";
import { Field } from "@/components/Field";
import { Empty, ErrorNotice, Loading } from "@/components/States";
import { fieldErrors } from "@/lib/errors";
import { toMinor, useFormat } from "@/lib/format";
import { useAddMilestone, useCancelContract, useCompleteContract, useContract, useContracts } from "@/features/contracts/api/contracts";
import { MilestoneCard, type Side } from "@/features/contracts/components/MilestoneCard";

function AddMilestone({ contractId, currency }: { contractId: number; currency: string }) {
  const { t } = useTranslation();
  const add = useAddMilestone(contractId);
  const [title, setTitle] = useState("");
  const [amount, setAmount] = useState("");
  const errors = fieldErrors(add.error);
  return (
    <form
      className="card form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate({ title, amount_minor: toMinor(amount || "0", currency) }, { onSuccess: () => { setTitle(""); setAmount(""); } });
      }}
    >
      <h3>{t("contract.addMilestone")}</h3>
      {add.error && Object.keys(errors).length === 0 ? <ErrorNotice error={add.error} /> : null}
      <div className="row">
        <Field label={t("contract.milestoneTitle")} error={errors["title"]}>
          {(p) => <input {...p} value={title} onChange={(e) => setTitle(e.target.value)} />}
        </Field>
        <Field label={t("contract.amount", { currency })} error={errors["amount_minor"]}>
          {(p) => <input {...p} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />}
        </Field>
      </div>
      <button type="submit" className="button button--secondary" disabled={add.isPending}>
        {t("contract.addMilestone")}
      </button>
    </form>
  );
}

function CompleteContract({ contractId, disputed }: { contractId: number; disputed: boolean }) {
  const { t } = useTranslation();
  const complete = useCompleteContract(contractId);
  return (
    <div className="card">
      {complete.error ? <ErrorNotice error={complete.error} /> : null}
      <p className="hint">{t("contract.completeHint")}</p>
      {/* The server allows it; the disputed money stays held until the dispute is settled. */}
      {disputed && <p className="notice">{t("contract.completeDisputed")}</p>}
      <button type="button" className="button" disabled={complete.isPending} onClick={() => complete.mutate()}>
        {t("contract.complete")}
      </button>
    </div>
  );
}

/** Either party may end an active contract; funded milestones keep their escrow. */
function CancelContract({ contractId }: { contractId: number }) {
  const { t } = useTranslation();
  const cancel = useCancelContract(contractId);
  return (
    <div className="card">
      {cancel.error ? <ErrorNotice error={cancel.error} /> : null}
      <p className="hint">{t("contract.cancelHint")}</p>
      <ConfirmButton
        label={t("contract.cancel")}
        question={t("contract.cancelQuestion")}
        confirmLabel={t("contract.cancelConfirm")}
        pending={cancel.isPending}
        onConfirm={() => cancel.mutate()}
      />
    </div>
  );
}

export function ContractPage({ contractId, firmSlugs }: { contractId: number; firmSlugs: string[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const contract = useContract(contractId);
  if (contract.isLoading) return <Loading />;
  if (contract.error || !contract.data) return <ErrorNotice error={contract.error} />;
  const c = contract.data;
  const side: Side = firmSlugs.includes(c.firm.slug) ? "client" : "freelancer";
  const total = c.milestones.reduce((sum, m) => sum + m.amount_minor, 0);
  return (
    <section className="stack">
      <header className="card">
        <h1>{c.title}</h1>
        <p>
          <span className={`badge badge--${c.status}`}>{t(`contract.status.${c.status}`)}</span>{" "}
          <Link to={`/firms/${c.firm.slug}`}>{c.firm.name}</Link> ·{" "}
          <Link to={`/freelancers/${c.freelancer.slug}`}>{c.freelancer.headline}</Link>
        </p>
        <p>
          {t("contract.total", { total: fmt.money(total, c.currency) })} · {t("contract.started", { date: fmt.dateTime(c.created_at) })}
        </p>
        <p>
          <Link to={`/gigs/${c.gig.id}`}>{t("contract.gig")}</Link>
        </p>
      </header>
      <h2>{t("contract.milestones")}</h2>
      <ol className="cards">
        {c.milestones.map((m) => (
          <MilestoneCard key={m.id} milestone={m} contractId={c.id} side={side} />
        ))}
      </ol>
      {side === "client" && c.status === "active" && <AddMilestone contractId={c.id} currency={c.currency} />}
      {side === "client" && c.status === "active" && (
        <CompleteContract contractId={c.id} disputed={c.milestones.some((m) => m.status === "disputed")} />
      )}
      {c.status === "active" && <CancelContract contractId={c.id} />}
    </section>
  );
}

export function ContractList() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const contracts = useContracts();
  return (
    <section>
      <h1>{t("nav.contracts")}</h1>
      {contracts.isLoading && <Loading />}
      {contracts.error && <ErrorNotice error={contracts.error} />}
      {contracts.data?.results.length === 0 && <Empty>{t("contract.none")}</Empty>}
      <ul className="cards">
        {contracts.data?.results.map((c) => (
          <li key={c.id} className="card">
            <h2>
              <Link to={`/contracts/${c.id}`}>{c.title}</Link>
            </h2>
            <p>
              <span className={`badge badge--${c.status}`}>{t(`contract.status.${c.status}`)}</span> {c.firm.name} ·{" "}
              {c.freelancer.headline} · {fmt.dateTime(c.created_at)}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
