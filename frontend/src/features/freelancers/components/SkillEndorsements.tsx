import { useId, useState } from "react";
import { useTranslation } from "react-i18next";

import { ErrorNotice } from "@/components/States";
import type { Schemas } from "@/lib/api-client";
import {
  useEndorse,
  useEndorsements,
  useSharedContracts,
  useWithdrawEndorsement,
} from "@/features/freelancers/api/endorsements";

type Profile = Schemas["ProfileDetailOutput"];

/**
 * The profile's skills with "validated by N peers"; another freelancer (viewerSlug) may endorse
 * a listed skill or withdraw their endorsement. Refusals show as our sentence for the code.
 * When the two shared contracts (the viewer's firm hired this freelancer, or both worked for
 * the same firm at the same time), the endorsement names one: the newest unless the viewer
 * picks another or none.
 */
export function SkillEndorsements({ profile, viewerSlug }: { profile: Profile; viewerSlug: string | null }) {
  const { t } = useTranslation();
  const canEndorse = viewerSlug !== null && viewerSlug !== profile.slug;
  const list = useEndorsements(profile.slug, canEndorse);
  const shared = useSharedContracts(profile.slug, canEndorse);
  const contracts = shared.data ?? [];
  // "" until chosen: the newest shared contract; "none": no contract.
  const [picked, setPicked] = useState("");
  const contractId = picked === "none" ? undefined : picked ? Number(picked) : contracts[0]?.id;
  const pickerId = useId();
  const endorse = useEndorse(profile.slug);
  const withdraw = useWithdrawEndorsement(profile.slug);
  const peers = new Map(profile.endorsements.map((e) => [e.slug, e.peers]));
  const mine = new Map(
    (list.data?.results ?? []).filter((e) => e.endorser.slug === viewerSlug).map((e) => [e.skill_slug, e.id]),
  );
  const error = endorse.error ?? withdraw.error;
  const busy = endorse.isPending || withdraw.isPending;
  return (
    <>
      <h2>{t("profile.skills")}</h2>
      {error ? <ErrorNotice error={error} /> : null}
      {canEndorse && contracts.length > 0 && (
        <p>
          <label htmlFor={pickerId}>{t("endorse.sharedContract")}</label>{" "}
          <select id={pickerId} value={contractId ?? "none"} onChange={(event) => setPicked(event.target.value)}>
            {contracts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title} ({c.firm.name})
              </option>
            ))}
            <option value="none">{t("endorse.noContract")}</option>
          </select>{" "}
          <span className="hint">{t("endorse.sharedHint")}</span>
        </p>
      )}
      <ul className="chips" data-testid="skills">
        {profile.skills.map((s) => {
          const count = peers.get(s.slug) ?? 0;
          const own = mine.get(s.slug);
          return (
            <li key={s.slug} className="chip">
              {s.label} · {t(`profile.level.${s.level}`)}
              {count > 0 && <> · <span className="hint">{t("endorse.validated", { count })}</span></>}
              {canEndorse &&
                (own !== undefined ? (
                  <button
                    type="button"
                    className="link-button"
                    disabled={busy}
                    aria-label={t("endorse.withdrawSkill", { skill: s.label })}
                    onClick={() => {
                      endorse.reset();
                      withdraw.mutate(own);
                    }}
                  >
                    {t("endorse.withdraw")}
                  </button>
                ) : (
                  <button
                    type="button"
                    className="link-button"
                    disabled={busy || list.isLoading || shared.isLoading}
                    aria-label={t("endorse.endorseSkill", { skill: s.label })}
                    onClick={() => {
                      withdraw.reset();
                      endorse.mutate({ skill: s.slug, contractId });
                    }}
                  >
                    {t("endorse.endorse")}
                  </button>
                ))}
            </li>
          );
        })}
      </ul>
    </>
  );
}
