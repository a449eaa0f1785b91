import { useState } from "react";
import { useTranslation } from "react-i18next";

import { ConfirmButton } from "@/components/ConfirmButton";
import { Field } from "@/components/Field";
import { Empty, ErrorNotice, Loading } from "@/components/States";
import { errorMessage, fieldErrors } from "@/lib/errors";
import { useFormat } from "@/lib/format";
import {
  useAddFirmMember,
  useChangeFirmMemberRole,
  useFirmMembers,
  useRemoveFirmMember,
  type FirmRole,
  type Member,
} from "@/features/firms/api/members";

function AddMember({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const add = useAddFirmMember(slug);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<FirmRole>("member");
  const errors = fieldErrors(add.error);
  return (
    <form
      className="form inset"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate({ email, role }, { onSuccess: () => setEmail("") });
      }}
    >
      <h3>{t("members.add")}</h3>
      <p className="hint">{t("members.addHint")}</p>
      {add.error && !errors["email"] ? <ErrorNotice error={add.error} /> : null}
      <div className="row">
        <Field label={t("members.email")} error={errors["email"] ? errorMessage(add.error, t) : undefined}>
          {(p) => <input {...p} type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />}
        </Field>
        <Field label={t("members.role")}>
          {(p) => (
            <select {...p} value={role} onChange={(e) => setRole(e.target.value === "owner" ? "owner" : "member")}>
              <option value="member">{t("members.roles.member")}</option>
              <option value="owner">{t("members.roles.owner")}</option>
            </select>
          )}
        </Field>
      </div>
      <button type="submit" className="button" disabled={add.isPending}>
        {t("members.addButton")}
      </button>
    </form>
  );
}

function MemberRow({ slug, member }: { slug: string; member: Member }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const change = useChangeFirmMemberRole(slug);
  const remove = useRemoveFirmMember(slug);
  const name = member.full_name || member.email;
  const other: FirmRole = member.role === "owner" ? "member" : "owner";
  const error = change.error ?? remove.error;
  return (
    <li className="card" data-testid={`member-${member.user_id}`}>
      <p>
        <strong>{name}</strong> · {member.email} · <span className="badge">{t(`members.roles.${member.role}`)}</span>
      </p>
      <p className="muted">{t("members.joined", { date: fmt.dateTime(member.joined_at) })}</p>
      {error ? <ErrorNotice error={error} /> : null}
      <div className="actions">
        <button
          type="button"
          className="button button--secondary"
          disabled={change.isPending}
          onClick={() => change.mutate({ userId: member.user_id, role: other })}
        >
          {other === "owner" ? t("members.makeOwner", { name }) : t("members.makeMember", { name })}
        </button>
        <ConfirmButton
          label={t("members.remove", { name })}
          question={t("members.removeQuestion", { name })}
          confirmLabel={t("members.removeConfirm")}
          pending={remove.isPending}
          onConfirm={() => remove.mutate(member.user_id)}
        />
      </div>
    </li>
  );
}

/** The firm's people, for its owners: add by email, owner ⇄ member, remove. */
export function FirmMembers({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const members = useFirmMembers(slug);
  return (
    <section className="stack" aria-labelledby="members-h">
      <h2 id="members-h">{t("members.title")}</h2>
      {members.isLoading && <Loading />}
      {members.error && <ErrorNotice error={members.error} />}
      {members.data?.results.length === 0 && <Empty>{t("members.none")}</Empty>}
      <ul className="cards">
        {members.data?.results.map((m) => <MemberRow key={m.user_id} slug={slug} member={m} />)}
      </ul>
      <AddMember slug={slug} />
    </section>
  );
}
