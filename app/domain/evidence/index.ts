export * from "./expiry";
export * from "./file-name";
export * from "./kinds";
export * from "./sniff";
