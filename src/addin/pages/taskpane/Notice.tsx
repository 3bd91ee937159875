import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";

export interface NoticeContent {
  intent: "error" | "warning" | "success";
  title: string;
  text: string;
}

/** Errors are announced at once (alert); other outcomes politely (status). */
export function Notice({ notice }: { notice: NoticeContent }) {
  return (
    <MessageBar intent={notice.intent} role={notice.intent === "error" ? "alert" : "status"}>
      <MessageBarBody>
        <MessageBarTitle>{notice.title}</MessageBarTitle>
        {notice.text}
      </MessageBarBody>
    </MessageBar>
  );
}
