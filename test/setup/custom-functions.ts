/**
 * Under jest the CustomFunctions global of the Office runtime does not exist: this stub gives it
 * the shape the runtime has (an Error carrying code and message, and the ErrorCode enum).
 */
const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

class CustomFunctionsError extends Error {
  readonly code: string;
  constructor(code: string, message?: string) {
    super(message ?? "");
    this.code = code;
    this.name = "CustomFunctions.Error";
  }
}

(globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = {
  Error: CustomFunctionsError,
  ErrorCode,
  associate: () => undefined,
};
