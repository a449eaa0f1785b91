import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";

import { Field } from "@/components/Field";
import { Empty, ErrorNotice, Loading } from "@/components/States";
import { fieldErrors } from "@/lib/errors";
import { toMinor, useFormat } from "@/lib/format";
import { useAcceptProposal, useGigProposals, useProposalDecision, type Proposal } from "@/features/proposals/api/proposals";

function AcceptForm({ proposal, onCancel }: { proposal: Proposal; onCancel: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const accept = useAcceptProposal();
  const [title, setTitle] = useState(t("contract.firstMilestone"));
  const [amount, setAmount] = useState(String(proposal.price_minor / 100));
  const errors = fieldErrors(accept.error);
  return (
    <form
      className="form inset"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        accept.mutate(
          { id: proposal.id, milestones: [{ title, amount_minor: toMinor(amount, proposal.currency) }] },
          { onSuccess: (contract) => navigate(`/contracts/${contract.id}`) },
        );
      }}
    >
      <p>{t("proposal.acceptLead")}</p>
      {accept.error && Object.keys(errors).length === 0 ? <ErrorNotice error={accept.error} /> : null}
      <div className="row">
        <Field label={t("contract.milestoneTitle")} error={errors["milestones"]}>
          {(p) => <input {...p} value={title} onChange={(e) => setTitle(e.target.value)} />}
        </Field>
        <Field label={t("contract.amount", { currency: proposal.currency })}>
          {(p) => <input {...p} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />}
        </Field>
      </div>
      <button type="submit" className="button" disabled={accept.isPending}>
        {t("proposal.confirmAccept")}
      </button>
      <button type="button" className="button button--secondary" onClick={onCancel}>
        {t("common.cancel")}
      </button>
    </form>
  );
}

/** The firm's view: proposals side by side, cheapest first, with shortlist / accept / decline. */
export function ProposalCompare({ gigId }: { gigId: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const proposals = useGigProposals(gigId);
  const decide = useProposalDecision();
  const [accepting, setAccepting] = useState<number | null>(null);
  const [onlyShortlist, setOnlyShortlist] = useState(false);
  const rows = [...(proposals.data?.results ?? [])]
    .filter((p) => !onlyShortlist || p.status === "shortlisted")
    .sort((a, b) => a.price_minor - b.price_minor);
  return (
    <section aria-labelledby="proposals-h">
      <h2 id="proposals-h">{t("proposal.compareTitle")}</h2>
      <label className="check">
        <input type="checkbox" checked={onlyShortlist} onChange={(e) => setOnlyShortlist(e.target.checked)} />
        {t("proposal.onlyShortlisted")}
      </label>
      {proposals.isLoading && <Loading />}
      {proposals.error && <ErrorNotice error={proposals.error} />}
      {decide.error ? <ErrorNotice error={decide.error} /> : null}
      {proposals.data && rows.length === 0 && <Empty>{t("proposal.none")}</Empty>}
      {rows.length > 0 && (
        <div className="table-scroll">
          <table className="compare" data-testid="proposals">
            <thead>
              <tr>
                <th scope="col">{t("proposal.freelancer")}</th>
                <th scope="col">{t("proposal.priceHeader")}</th>
                <th scope="col">{t("proposal.days")}</th>
                <th scope="col">{t("proposal.statusHeader")}</th>
                <th scope="col">{t("proposal.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/freelancers/${p.freelancer.slug}`}>{p.freelancer.headline}</Link>
                    <details>
                      <summary>{t("proposal.coverLetter")}</summary>
                      <p className="prose">{p.cover_letter}</p>
                    </details>
                    {accepting === p.id && <AcceptForm proposal={p} onCancel={() => setAccepting(null)} />}
                  </td>
                  <td>{fmt.money(p.price_minor, p.currency)}</td>
                  <td>{p.estimated_duration_days}</td>
                  <td>
                    <span className={`badge badge--${p.status}`}>{t(`proposal.status.${p.status}`)}</span>
                  </td>
                  <td className="actions">
                    {p.status === "submitted" && (
                      <button type="button" className="button button--secondary" onClick={() => decide.mutate({ id: p.id, action: "shortlist" })}>
                        {t("proposal.shortlist")}
                      </button>
                    )}
                    {(p.status === "submitted" || p.status === "shortlisted") && (
                      <>
                        <button type="button" className="button" onClick={() => setAccepting(p.id)}>
                          {t("proposal.accept")}
                        </button>
                        <button type="button" className="button button--danger" onClick={() => decide.mutate({ id: p.id, action: "decline" })}>
                          {t("proposal.decline")}
                        </button>
                      </>
                    )}
                    {p.contract_id !== null && <Link to={`/contracts/${p.contract_id}`}>{t("proposal.openContract")}</Link>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
