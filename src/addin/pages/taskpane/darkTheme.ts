// Its own chunk: most people use the light theme, so the dark tokens load only when needed.
export { webDarkTheme } from "@fluentui/react-components";
