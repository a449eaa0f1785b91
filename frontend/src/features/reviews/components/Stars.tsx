import { useTranslation } from "react-i18next";

/** A rating as five stars, read out as "4 out of 5". */
export function Stars({ rating }: { rating: number }) {
  const { t } = useTranslation();
  const full = Math.round(rating);
  return (
    <span className="stars" role="img" aria-label={t("reviews.outOfFive", { rating })}>
      {"★".repeat(full)}
      {"☆".repeat(5 - full)}
    </span>
  );
}
