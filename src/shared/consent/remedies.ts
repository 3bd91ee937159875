/**
 * What to tell people about each class of sign-in failure, who can fix it and what the UI offers,
 * plus the admin guidance (old and current consoles), the e-mail to an admin, and admin detection.
 */
import type { ConsentErrorKind } from "./classify";
import type { Cloud } from "./config";
import { isDomainName } from "./validate";

export type RemedyAction =
  | "retry"
  | "signInPopup"
  | "adminConsentLink"
  | "copyLink"
  | "emailAdmin"
  | "openAdminView"
  | "integratedAppsGuidance"
  | "useWorkAccount"
  | "allowPopups"
  | "showCorrelationId";

export interface Remedy {
  title: string;
  whatHappened: string;
  whoCanFix: string;
  whatToDo: string;
  actions: RemedyAction[];
}

export interface RemedyContext {
  isAdmin: boolean | "unknown";
  personalAccount: boolean;
}

type Audience = "admin" | "user" | "unknown";

function audienceOf(isAdmin: boolean | "unknown"): Audience {
  if (isAdmin === "unknown") return "unknown";
  return isAdmin ? "admin" : "user";
}

const WHO = {
  you: "You can fix this yourself.",
  youAsAdmin: "You can fix this: you are an administrator of your organisation.",
  admin: "An administrator of your Microsoft 365 organisation.",
  adminMaybeYou: "An administrator of your Microsoft 365 organisation (that may be you).",
  deployer: "Whoever set up BlueJeans for your organisation, or BlueJeans support.",
} as const;

/** The "get an admin to approve" part, worded for who is reading. */
function approval(audience: Audience): { who: string; todo: string; actions: RemedyAction[] } {
  switch (audience) {
    case "admin":
      return {
        who: WHO.youAsAdmin,
        todo: "Open the approval link, sign in with your administrator account and accept. That approves BlueJeans for everyone in your organisation.",
        actions: ["adminConsentLink", "openAdminView", "integratedAppsGuidance"],
      };
    case "user":
      return {
        who: WHO.admin,
        todo: "Send the approval link to your administrator (copy it or e-mail it).",
        actions: ["emailAdmin", "copyLink"],
      };
    case "unknown":
      return {
        who: WHO.adminMaybeYou,
        todo: "If you are an administrator, open the approval link and accept. If not, send the link to your administrator.",
        actions: ["adminConsentLink", "copyLink", "emailAdmin"],
      };
  }
}

const PERSONAL: Remedy = {
  title: "Use your work or school account",
  whatHappened:
    "You are signed in with a personal account. BlueJeans connects to calendars of work or school accounts, which belong to an organisation with an administrator.",
  whoCanFix: WHO.you,
  whatToDo: "Open Outlook with your work or school account and try again there.",
  actions: ["useWorkAccount"],
};

/** Actions that only make sense when an organisation (and its admin) exists. */
const ADMIN_ACTIONS: readonly RemedyAction[] = [
  "adminConsentLink",
  "copyLink",
  "emailAdmin",
  "openAdminView",
  "integratedAppsGuidance",
];

function remedyByKind(kind: ConsentErrorKind, audience: Audience): Remedy {
  const ask = approval(audience);
  switch (kind) {
    case "adminConsentRequired":
      return {
        title: "Your organisation needs to approve BlueJeans",
        whatHappened:
          "BlueJeans asked Microsoft 365 for permission to read and update your calendar, and in your organisation only an administrator can give that permission.",
        whoCanFix: ask.who,
        whatToDo: `${ask.todo} Then try again.`,
        actions: [...ask.actions, "retry"],
      };
    case "adminApprovalPending":
      return {
        title: "Waiting for an administrator's approval",
        whatHappened:
          "Your request to use BlueJeans has been sent to your organisation's administrators. Nothing more is needed from you until one of them approves it.",
        whoCanFix: audience === "admin" ? WHO.youAsAdmin : WHO.admin,
        whatToDo:
          audience === "admin"
            ? "Review the request in the Microsoft Entra admin center under Enterprise apps > Admin consent requests, or approve directly with the approval link. Then try again."
            : "Try again once you hear it has been approved.",
        actions:
          audience === "admin" ? ["adminConsentLink", "openAdminView", "retry"] : ["retry", "emailAdmin"],
      };
    case "userConsentNeeded":
      return {
        title: "BlueJeans needs your permission",
        whatHappened:
          "Before BlueJeans can use your calendar, Microsoft 365 wants you to confirm that you allow it.",
        whoCanFix: WHO.you,
        whatToDo: "Select Sign in and accept the permissions in the window that opens.",
        actions: ["signInPopup"],
      };
    case "consentDeclined":
      return {
        title: "Permission was not given",
        whatHappened:
          "The permission request was declined, so BlueJeans cannot use your calendar. If the page said an administrator has to approve, declining was the only choice it offered.",
        whoCanFix: audience === "admin" ? WHO.youAsAdmin : WHO.adminMaybeYou,
        whatToDo: `Try again and accept. If the page asked for an administrator's approval: ${ask.todo.charAt(0).toLowerCase()}${ask.todo.slice(1)}`,
        actions: ["retry", ...ask.actions],
      };
    case "appNotInTenant":
      return {
        title: "BlueJeans is not set up in your organisation",
        whatHappened:
          "Microsoft 365 does not know this BlueJeans app in your organisation yet. Usually that means no one there has approved it.",
        whoCanFix: ask.who,
        whatToDo:
          audience === "admin"
            ? "Open the approval link to add and approve it. If that fails too, contact BlueJeans support with the correlation ID."
            : `${ask.todo} If approving does not help, they can contact BlueJeans support with the correlation ID.`,
        actions: [...ask.actions, "showCorrelationId"],
      };
    case "appDisabled":
      return {
        title: "BlueJeans is switched off for you",
        whatHappened:
          "Your organisation has BlueJeans, but it is disabled or you have not been given access to it.",
        whoCanFix: audience === "admin" ? WHO.youAsAdmin : WHO.admin,
        whatToDo:
          audience === "admin"
            ? 'In the Microsoft Entra admin center open Enterprise apps > BlueJeans > Properties and set "Enabled for users to sign in" to Yes; if assignment is required, add the person under Users and groups.'
            : "Ask your administrator to turn BlueJeans on for you. The correlation ID helps them find the attempt.",
        actions: audience === "admin" ? ["showCorrelationId", "retry"] : ["showCorrelationId"],
      };
    case "blockedByPolicy":
      return {
        title: "A sign-in rule of your organisation blocked this",
        whatHappened:
          "A security policy of your organisation (for example Conditional Access) does not allow this sign-in from this device, app or location. Trying again will give the same result.",
        whoCanFix: audience === "admin" ? WHO.youAsAdmin : WHO.admin,
        whatToDo:
          audience === "admin"
            ? "Look up the sign-in by its correlation ID in the Entra sign-in logs to see which Conditional Access policy applied."
            : "Give your administrator the correlation ID so they can find the sign-in and the policy that blocked it.",
        actions: ["showCorrelationId"],
      };
    case "wrongAccount":
      return {
        title: "Use your work or school account",
        whatHappened:
          "The account you signed in with does not belong to the organisation BlueJeans is set up for, for example a personal or guest account.",
        whoCanFix: WHO.you,
        whatToDo: "Sign in again and pick your work or school account.",
        actions: ["useWorkAccount", "signInPopup"],
      };
    case "interactionRequired":
      return {
        title: "Please sign in again",
        whatHappened:
          "Microsoft 365 needs you to sign in again, for example to confirm it is you with a second step.",
        whoCanFix: WHO.you,
        whatToDo: "Select Sign in and follow the steps in the window that opens.",
        actions: ["signInPopup"],
      };
    case "cancelled":
      return {
        title: "Sign-in did not finish",
        whatHappened: "The sign-in window was closed, or it waited too long for an answer.",
        whoCanFix: WHO.you,
        whatToDo: `Try again. If the window said an administrator must approve BlueJeans: ${ask.todo.charAt(0).toLowerCase()}${ask.todo.slice(1)}`,
        actions: ["retry", ...ask.actions],
      };
    case "popupBlocked":
      return {
        title: "The sign-in window could not open",
        whatHappened: "Your browser blocked the sign-in window, or another sign-in window is still open.",
        whoCanFix: WHO.you,
        whatToDo: "Allow pop-ups for this site, finish or close any other sign-in window, and try again.",
        actions: ["allowPopups", "retry"],
      };
    case "naaUnavailable":
      return {
        title: "Outlook could not sign you in directly",
        whatHappened: "This version of Outlook cannot sign you in to BlueJeans by itself.",
        whoCanFix: WHO.you,
        whatToDo: "Sign in in a separate window instead.",
        actions: ["signInPopup"],
      };
    case "configurationError":
      return {
        title: "BlueJeans is not set up correctly",
        whatHappened:
          "The add-in's sign-in settings do not match how it is registered with Microsoft. This is a setup problem, not something you did.",
        whoCanFix: WHO.deployer,
        whatToDo: "Send them the correlation ID shown below so they can find the failed sign-in.",
        actions: ["showCorrelationId"],
      };
    case "unknown":
      return {
        title: "Something went wrong while signing in",
        whatHappened: "Microsoft 365 returned an error BlueJeans does not recognise.",
        whoCanFix: WHO.adminMaybeYou,
        whatToDo:
          "Try again. If it keeps happening, send the correlation ID to your administrator. If the error was about permissions, the approval link may also help.",
        actions: ["retry", "showCorrelationId", ...ask.actions],
      };
  }
}

/** Kinds whose whole answer is "an organisation must approve": meaningless for a personal account. */
const ORGANISATION_ONLY = new Set<ConsentErrorKind>([
  "adminConsentRequired",
  "adminApprovalPending",
  "appNotInTenant",
  "appDisabled",
  "wrongAccount",
]);

export function remedyFor(kind: ConsentErrorKind, context: RemedyContext): Remedy {
  if (context.personalAccount) {
    if (ORGANISATION_ONLY.has(kind)) return { ...PERSONAL, actions: [...PERSONAL.actions] };
    const remedy = remedyByKind(kind, "user");
    const actions = remedy.actions.filter((a) => !ADMIN_ACTIONS.includes(a));
    return {
      ...remedy,
      actions: actions.includes("useWorkAccount") ? actions : [...actions, "useWorkAccount"],
    };
  }
  return remedyByKind(kind, audienceOf(context.isAdmin));
}

// ---- admin guidance ------------------------------------------------------------------------

export interface GuidanceSection {
  id:
    | "seedGuide2019"
    | "entraUserConsent"
    | "entraAdminConsentRequests"
    | "entraGrantPerApp"
    | "m365IntegratedApps";
  title: string;
  /** When this path is the right one. */
  when: string;
  steps: string[];
  /** The choices on that page and what each means here. */
  options?: Array<{ label: string; effect: string }>;
  /** False where the console does not offer it (sovereign clouds). */
  available: boolean;
  note?: string;
}

/**
 * How an admin lets BlueJeans in: the seed guide's 2019 path (for people following it) next to
 * where the same switches live today.
 */
export function integratedAppsGuidance(options: { cloud?: Cloud } = {}): GuidanceSection[] {
  const sovereign = options.cloud !== undefined && options.cloud !== "public";
  return [
    {
      id: "seedGuide2019",
      title: 'The 2019 BlueJeans guide: "Integrated Apps"',
      when: "You are following the original BlueJeans set-up guide.",
      steps: [
        "Open the Microsoft 365 admin center.",
        "Go to Settings > Services & add-ins > Integrated Apps.",
        "Switch Integrated Apps on and select Save.",
        "Each person then accepts the BlueJeans permissions for themselves the first time they sign in.",
      ],
      available: true,
      note: 'That switch no longer exists under this name: it was the organisation-wide "users may consent to apps" setting, which is now in the Microsoft Entra admin center (next section).',
    },
    {
      id: "entraUserConsent",
      title: "Today: let people consent for themselves",
      when: "You want each person to approve BlueJeans on their own instead of approving it once for everyone.",
      steps: [
        "Open the Microsoft Entra admin center.",
        "Go to Enterprise apps > Consent and permissions > User consent settings.",
        "Pick one of the options below and select Save.",
      ],
      options: [
        {
          label: "Do not allow user consent",
          effect: "Only an administrator can approve BlueJeans; use the approval links.",
        },
        {
          label: "Allow user consent for apps from verified publishers, for selected permissions",
          effect:
            "People can approve only permissions you classified as low impact; reading and writing calendars (Calendars.ReadWrite) still needs an administrator unless you add it to that list.",
        },
        {
          label: "Allow user consent for apps",
          effect: "Anyone can approve BlueJeans for their own calendar.",
        },
      ],
      available: true,
    },
    {
      id: "entraAdminConsentRequests",
      title: "Today: let people ask an administrator",
      when: "People cannot consent themselves and you want their requests to reach you.",
      steps: [
        "In the Microsoft Entra admin center go to Enterprise apps > Consent and permissions > Admin consent settings.",
        "Turn on letting users request admin consent to apps they cannot consent to, and choose who reviews the requests.",
        "Select Save. Requests then appear under Enterprise apps > Admin consent requests, where a reviewer approves or denies them.",
      ],
      available: true,
    },
    {
      id: "entraGrantPerApp",
      title: "Today: approve one BlueJeans app for everyone",
      when: "The app already appears in your organisation (someone tried to sign in) and you want to approve it.",
      steps: [
        "In the Microsoft Entra admin center go to Enterprise apps and open the BlueJeans app.",
        "Open Permissions and select Grant admin consent for your organisation.",
        "Sign in as an administrator and accept. Repeat for each BlueJeans app you use: each has its own approval.",
      ],
      available: true,
      note: "The approval links in this add-in do the same and also work when the app is not in your organisation yet.",
    },
    {
      id: "m365IntegratedApps",
      title: "Today: deploy the Outlook add-in with its permissions accepted",
      when: "You deploy BlueJeans for Outlook to people in your organisation from the Microsoft 365 admin center.",
      steps: [
        "Open the Microsoft 365 admin center and go to Settings > Integrated apps.",
        "Upload or select the BlueJeans add-in and choose who gets it.",
        "On the permissions step, review and accept the permissions it requests: that approves them for the people you deploy to.",
      ],
      available: !sovereign,
      note: sovereign
        ? "Not offered in the US Government and China clouds: use the approval links or Enterprise apps instead."
        : "This page is not the 2019 Integrated Apps switch; it deploys add-ins. Not offered in sovereign clouds.",
    },
  ];
}

// ---- e-mail to an admin --------------------------------------------------------------------

export interface AdminMailtoInput {
  adminEmail?: string;
  links: Array<{ appName: string; url: string }>;
  requesterName: string;
}

const CRLF = "\r\n";
/** RFC 5322 dot-atom local part: no quoting, commas or spaces that could add recipients. */
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

/** Names go into single body lines: no line breaks or control characters sneaking in. */
function oneLine(text: string): string {
  const printable = Array.from(text, (ch) => {
    const code = ch.charCodeAt(0);
    return code < 0x20 || code === 0x7f ? " " : ch;
  });
  return printable.join("").replace(/ {2,}/g, " ").trim();
}

/**
 * A mailto: URL asking an admin to open the approval links (RFC 6068: every part percent-encoded
 * with encodeURIComponent, line breaks as CRLF, "@" of the address left as is).
 */
export function adminMailto(input: AdminMailtoInput): string {
  if (input.links.length === 0) throw new RangeError("links: at least one approval link is needed");
  let to = "";
  if (input.adminEmail !== undefined && input.adminEmail !== "") {
    const at = input.adminEmail.lastIndexOf("@");
    const local = input.adminEmail.slice(0, at);
    const domain = input.adminEmail.slice(at + 1);
    if (at < 1 || !LOCAL_PART.test(local) || !isDomainName(domain)) {
      throw new RangeError("adminEmail: not an e-mail address");
    }
    to = `${encodeURIComponent(local)}@${encodeURIComponent(domain)}`;
  }
  const requester = oneLine(input.requesterName) || "A colleague";
  const plural = input.links.length > 1;
  const subject = "Please approve BlueJeans for Outlook calendars";
  const paragraph =
    `${requester} would like to use BlueJeans with Outlook. BlueJeans needs permission to read and ` +
    "update Outlook calendars so it can put meeting details into invitations, and in our organisation " +
    `only an administrator can give that permission. Please open ${plural ? "each link" : "the link"} ` +
    "below, sign in with an administrator account and accept: that approves BlueJeans for everyone, so " +
    "nobody else needs to ask.";
  const lines = ["Hello,", "", paragraph, "", ...input.links.map((l) => `${oneLine(l.appName)}: ${l.url}`)];
  lines.push("", "Thank you,", requester);
  const body = lines.join(CRLF);
  return `mailto:${to}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}

// ---- who is an admin -----------------------------------------------------------------------

/** Directory role templates that can grant tenant-wide consent to delegated permissions. */
export const CONSENT_ADMIN_ROLE_IDS: readonly string[] = [
  "62e90394-69f5-4237-9190-012177145e10", // Global Administrator
  "e8611ab8-c189-46e8-94e1-60213ab1f814", // Privileged Role Administrator
  "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3", // Application Administrator
  "158c047a-c907-4556-b7ef-446551a6b5f7", // Cloud Application Administrator
];

/**
 * From the ID token's `wids` claim. The claim is only emitted when the app registration asks for
 * directory roles, so its absence means "unknown", never "not an admin".
 */
export function isConsentAdmin(wids?: readonly string[] | null): boolean | "unknown" {
  if (!Array.isArray(wids)) return "unknown";
  return wids.some((id) => typeof id === "string" && CONSENT_ADMIN_ROLE_IDS.includes(id.toLowerCase()));
}
