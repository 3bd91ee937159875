import type { Cloud } from "../../../../shared/consent/config";
import { integratedAppsGuidance } from "../../../../shared/consent/remedies";
import { useConsentStyles } from "./styles";

/** How an administrator lets BlueJeans in: the 2019 guide's path next to today's. Collapsed at first. */
export function Guidance({ cloud }: { cloud: Cloud }) {
  const styles = useConsentStyles();
  return (
    <details className={styles.details} data-testid="integrated-apps-guidance">
      <summary className={styles.summary}>
        How an administrator can allow BlueJeans (Integrated Apps and today&apos;s settings)
      </summary>
      {integratedAppsGuidance({ cloud }).map((section) => (
        <section key={section.id} aria-label={section.title}>
          <h4 className={styles.minorHeading}>{section.title}</h4>
          {!section.available && <p className={styles.text}>Not offered in your Microsoft cloud.</p>}
          <p className={styles.small}>{section.when}</p>
          <ol className={styles.list}>
            {section.steps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
          {section.options && (
            <ul className={styles.list}>
              {section.options.map((option) => (
                <li key={option.label}>
                  <strong>{option.label}</strong>: {option.effect}
                </li>
              ))}
            </ul>
          )}
          {section.note && <p className={styles.small}>{section.note}</p>}
        </section>
      ))}
    </details>
  );
}
