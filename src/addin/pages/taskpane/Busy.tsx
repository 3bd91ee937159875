import { Spinner } from "@fluentui/react-components";

export function Busy({ label }: { label: string }) {
  return <Spinner label={label} />;
}
