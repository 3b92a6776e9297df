/**
 * Under plain jest the CustomFunctions global of the Office runtime does not exist: this stub gives
 * it the shape the runtime has (an Error carrying code and message, and the ErrorCode enum). Tests
 * that run Microsoft's own runtime (test/setup/custom-functions-environment.js) keep the real one.
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

const g = globalThis as unknown as { CustomFunctions?: Record<string, unknown> };
if (typeof g.CustomFunctions?.associate !== "function")
  g.CustomFunctions = {
    Error: CustomFunctionsError,
    ErrorCode,
    associate: () => undefined,
  };
