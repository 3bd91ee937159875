/**
 * Loading this module lets bodyEdit.ts find, replace and remove join blocks in HTML bodies. Kept
 * apart so that code reading only text bodies (the command's first add) does not carry HTML
 * reading: the pages and the event runtime load it up front, the command when it meets HTML.
 */
import { editHtmlBodiesWith } from "./bodyEdit";
import { findHtmlJoinBlocks } from "./htmlBlocks";

editHtmlBodiesWith(findHtmlJoinBlocks);
