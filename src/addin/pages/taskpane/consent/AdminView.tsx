import type { MouseEvent } from "react";
import type { AppConsentLink } from "../../../../shared/consent/adminConsentUrl";
import type { Cloud } from "../../../../shared/consent/config";
import { CopyLink } from "./CopyLink";
import { Guidance } from "./Guidance";
import { scopeName, scopePurpose, TENANT_SOURCE_TEXT, type TenantSource } from "./model";
import { useConsentStyles } from "./styles";

export interface AdminViewProps {
  links: AppConsentLink[];
  tenant: string;
  tenantSource: TenantSource;
  cloud: Cloud;
  headingId: string;
  onOpen(appId: string, event: MouseEvent<HTMLAnchorElement>): void;
}

/** Every BlueJeans app with its approval link, the permissions it asks for and why. */
export function AdminView({ links, tenant, tenantSource, cloud, headingId, onOpen }: AdminViewProps) {
  const styles = useConsentStyles();
  return (
    <section aria-labelledby={headingId} data-testid="consent-admin-view" className={styles.card}>
      <h3 id={headingId} className={styles.subheading} tabIndex={-1}>
        Approve BlueJeans apps for your organisation
      </h3>
      <p className={styles.text}>
        Each BlueJeans app is registered on its own and needs its own approval. Open each link, sign in with
        an administrator account and accept: that approves the app for everyone in your organisation.
      </p>
      <p className={styles.small} data-testid="consent-tenant">
        Organisation: <span className={styles.code}>{tenant}</span> ({TENANT_SOURCE_TEXT[tenantSource]})
      </p>
      <ul className={styles.appList}>
        {links.map((link) => (
          <li key={link.app.id} className={styles.app} data-testid={`consent-app-${link.app.id}`}>
            <h4 className={styles.minorHeading}>{link.app.name}</h4>
            <p className={styles.text}>{link.app.purpose}</p>
            <p className={styles.small}>Permissions it asks for:</p>
            <ul className={styles.list}>
              {link.app.scopes.map((scope) => (
                <li key={scope}>
                  <span className={styles.code}>{scopeName(scope)}</span>: {scopePurpose(scope)}
                </li>
              ))}
            </ul>
            {"url" in link ? (
              <div className={styles.actions}>
                <a
                  className={styles.link}
                  href={link.url}
                  target="_blank"
                  rel="noopener noreferrer"
                  data-testid={`approval-link-${link.app.id}`}
                  onClick={(event) => onOpen(link.app.id, event)}
                >
                  Approve {link.app.name}
                </a>
                <CopyLink url={link.url} what={`link for ${link.app.name}`} testId={`link-${link.app.id}`} />
              </div>
            ) : (
              <p className={styles.text} data-testid={`not-configured-${link.app.id}`}>
                Not configured: the add-in&apos;s settings have no client ID for this app yet, so there is
                nothing to approve here.
              </p>
            )}
          </li>
        ))}
      </ul>
      <Guidance cloud={cloud} />
    </section>
  );
}
