// The minimal landing page: open gigs and public freelancers from the real API, in en/de/fr.
"use strict";

const TEXT = {
  en: { signin: "Sign in", api: "API docs", admin: "Admin", language: "Language", gigs: "Open gigs", freelancers: "Freelancers",
        title: "Small firms hire freelancers, project by project.",
        lead: "Post a gig, compare proposals, hire and pay into escrow — or find your next client.",
        note: "This page is the minimal front door; the full web app is on its way. The REST API is complete and documented.",
        fixed: "Fixed price", hourly: "per hour", retainer: "per month", empty: "Nothing here yet.", error: "Could not load." },
  de: { signin: "Anmelden", api: "API-Dokumentation", admin: "Verwaltung", language: "Sprache", gigs: "Offene Aufträge", freelancers: "Freelancer",
        title: "Kleine Firmen beauftragen Freelancer – Projekt für Projekt.",
        lead: "Auftrag einstellen, Angebote vergleichen, beauftragen und treuhänderisch bezahlen – oder den nächsten Kunden finden.",
        note: "Diese Seite ist der schlichte Eingang; die vollständige Web-App folgt. Die REST-API ist vollständig und dokumentiert.",
        fixed: "Festpreis", hourly: "pro Stunde", retainer: "pro Monat", empty: "Noch nichts hier.", error: "Laden fehlgeschlagen." },
  fr: { signin: "Se connecter", api: "Documentation de l’API", admin: "Administration", language: "Langue", gigs: "Missions ouvertes", freelancers: "Freelances",
        title: "Les petites entreprises recrutent des freelances, projet par projet.",
        lead: "Publiez une mission, comparez les propositions, recrutez et payez sous séquestre — ou trouvez votre prochain client.",
        note: "Cette page est l’entrée minimale ; l’application web complète arrive. L’API REST est complète et documentée.",
        fixed: "Prix fixe", hourly: "de l’heure", retainer: "par mois", empty: "Rien pour l’instant.", error: "Chargement impossible." },
};

const EXPONENT = { JPY: 0, KRW: 0, BHD: 3, KWD: 3, JOD: 3 };

function pickLanguage() {
  const stored = localStorage.getItem("lang");
  if (stored && TEXT[stored]) return stored;
  const browser = (navigator.language || "en").slice(0, 2);
  return TEXT[browser] ? browser : "en";
}

function money(minor, currency, lang) {
  const exponent = EXPONENT[currency] ?? 2;
  return new Intl.NumberFormat(lang, { style: "currency", currency, maximumFractionDigits: exponent })
    .format(minor / 10 ** exponent);
}

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text) node.textContent = text;
  if (className) node.className = className;
  return node;
}

async function load(url, lang) {
  const response = await fetch(url, { headers: { "Accept-Language": lang, Accept: "application/json" } });
  if (!response.ok) throw new Error(String(response.status));
  return (await response.json()).results;
}

async function render(lang) {
  const t = TEXT[lang];
  document.documentElement.lang = lang;
  document.querySelectorAll("[data-i18n]").forEach((node) => { node.textContent = t[node.dataset.i18n]; });
  const gigs = document.getElementById("gigs");
  const people = document.getElementById("freelancers");
  try {
    const rows = await load("/api/v1/gigs/?page_size=12", lang);
    gigs.replaceChildren(...(rows.length ? rows.map((gig) => {
      const item = element("li");
      item.append(element("h3", gig.title));
      const unit = gig.engagement_type === "fixed" ? t.fixed : t[gig.engagement_type];
      item.append(element("div", `${gig.firm.name} · ${money(gig.budget_min_minor, gig.currency, lang)}–${money(gig.budget_max_minor, gig.currency, lang)} ${unit}`, "meta"));
      item.append(element("div", gig.required_skills.map((s) => s.label).join(" · "), "skills"));
      return item;
    }) : [element("li", t.empty)]));
  } catch { gigs.replaceChildren(element("li", t.error)); }
  try {
    const rows = await load("/api/v1/freelancers/?page_size=12", lang);
    people.replaceChildren(...(rows.length ? rows.map((person) => {
      const item = element("li");
      item.append(element("h3", person.full_name || person.slug));
      item.append(element("div", `${person.headline} · ${person.country}`, "meta"));
      item.append(element("div", person.skills.map((s) => s.label).join(" · "), "skills"));
      return item;
    }) : [element("li", t.empty)]));
  } catch { people.replaceChildren(element("li", t.error)); }
}

const select = document.getElementById("lang");
select.value = pickLanguage();
select.addEventListener("change", () => { localStorage.setItem("lang", select.value); render(select.value); });
render(select.value);
