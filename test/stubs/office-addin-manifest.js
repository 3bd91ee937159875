// office-addin-mock needs only this enum from office-addin-manifest, whose ESM-only dependency
// Jest cannot load.
module.exports = {
  OfficeApp: {
    Excel: "excel",
    OneNote: "onenote",
    Outlook: "outlook",
    PowerPoint: "powerpoint",
    Project: "project",
    Word: "word",
  },
};
