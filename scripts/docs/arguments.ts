/**
 * Reads `LiteFsApp`'s arguments from their TypeScript types, the way Bitnami's readme generator reads a chart's
 * values.yaml: the compiler resolves `LiteFsAppArgs` (with every interface it extends, wherever it lives under
 * sdk/args/) and each property's type, and every nested object type is followed, so no list of files or
 * interfaces is kept here.
 */
import * as path from "node:path";
import * as ts from "typescript";

/** One argument path, as the docs show it. */
export interface ArgumentDoc {
    /** The path a reader writes: `storage.size`, `tolerations[].operator`, `secretEnv.<NAME>.key`. */
    readonly path: string;
    /** The path without list and map steps, as `sdk/plan/defaults.ts` keys it: `tolerations.operator`. */
    readonly key: string;
    /** The type as a reader writes it: `Input<string>`, `"retain" | "protect" | "none"`, `object[]`. */
    readonly type: string;
    /** Required (no `?`) where its parent is given. */
    readonly required: boolean;
    /** The doc comment without its `Default:` sentence, on one line. */
    readonly description: string;
    /** What the doc comment's `Default:` sentence says, if it has one. */
    readonly statedDefault?: string;
}

/** The file that exports `LiteFsAppArgs`. */
export const ARGS_ENTRY = path.join("sdk", "args", "index.ts");

/**
 * A program of the args types alone: relative imports are resolved, packages (`@pulumi/pulumi` for `Input`) and
 * the default library are not, so reading takes a few hundred milliseconds. The reader never asks the checker
 * about a package's types, only about declarations under sdk/args/.
 */
function argsProgram(root: string): ts.Program {
    const options: ts.CompilerOptions = {
        noLib: true,
        types: [],
        module: ts.ModuleKind.Node16,
        moduleResolution: ts.ModuleResolutionKind.Node16,
    };
    const host = ts.createCompilerHost(options, true);
    host.resolveModuleNameLiterals = (literals, containingFile) =>
        literals.map((literal) =>
            literal.text.startsWith(".")
                ? ts.resolveModuleName(literal.text, containingFile, options, host)
                : { resolvedModule: undefined },
        );
    return ts.createProgram({ rootNames: [path.join(root, ARGS_ENTRY)], options, host });
}

/** The doc comment of a declaration, whitespace folded; Markdown list items (`- `) keep their line. */
function docOf(declaration: ts.Declaration): string {
    return ts
        .getJSDocCommentsAndTags(declaration)
        .map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? "")
        .join("\n")
        .split(/\n(?=\s*- )/)
        .map((part) => part.replace(/\s+/g, " ").trim())
        .join("\n");
}

/** Splits off the `Default: …` sentence that ends a doc comment. */
function splitDefault(doc: string): { description: string; statedDefault?: string } {
    const at = doc.lastIndexOf("Default: ");
    if (at === -1) return { description: doc };
    return { description: doc.slice(0, at).trim(), statedDefault: doc.slice(at + "Default: ".length).replace(/\.$/, "") };
}

const read = new Map<string, readonly ArgumentDoc[]>();

/** Every argument path of `LiteFsAppArgs` under `root`, parents before their fields, in declaration order. */
export function readArguments(root: string): readonly ArgumentDoc[] {
    const known = read.get(root);
    if (known) return known;
    const rows = argumentsOf(root);
    read.set(root, rows);
    return rows;
}

function argumentsOf(root: string): ArgumentDoc[] {
    const program = argsProgram(root);
    const checker = program.getTypeChecker();
    const entry = program.getSourceFile(path.join(root, ARGS_ENTRY));
    if (!entry) throw new Error(`${ARGS_ENTRY} not found`);
    const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(entry)!).find((s) => s.name === "LiteFsAppArgs");
    if (!exported) throw new Error(`${ARGS_ENTRY} exports no LiteFsAppArgs`);

    /** The type a name declares (an enum-like name is also a const: the type is the one wanted). */
    const declarationOf = (name: ts.EntityName): ts.Declaration | undefined => {
        let symbol = checker.getSymbolAtLocation(name);
        if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
        return symbol?.declarations?.find((d) => ts.isInterfaceDeclaration(d) || ts.isTypeAliasDeclaration(d));
    };

    /**
     * The object type whose fields a type node nests (an interface it names, or an inline `{ … }`), seen through
     * arrays and `Record<string, …>`, with the path step those add.
     */
    const nestedObject = (node: ts.TypeNode): { step: string; type: ts.Type } | undefined => {
        if (ts.isArrayTypeNode(node)) {
            const inner = nestedObject(node.elementType);
            return inner && { ...inner, step: `[]${inner.step}` };
        }
        if (ts.isTypeLiteralNode(node)) return { step: "", type: checker.getTypeFromTypeNode(node) };
        if (!ts.isTypeReferenceNode(node)) return undefined;
        if (node.typeName.getText() === "Record" && node.typeArguments?.length === 2) {
            const inner = nestedObject(node.typeArguments[1]);
            return inner && { ...inner, step: `.<NAME>${inner.step}` };
        }
        const declaration = declarationOf(node.typeName);
        return declaration && ts.isInterfaceDeclaration(declaration)
            ? { step: "", type: checker.getDeclaredTypeOfSymbol(checker.getSymbolAtLocation(declaration.name)!) }
            : undefined;
    };

    /**
     * An enum-like type's values in the order its const object lists them (the checker's union order is its own),
     * e.g. `"retain" | "protect" | "none"`.
     */
    const inDeclaredOrder = (name: ts.EntityName, values: string[]): string[] => {
        let symbol = checker.getSymbolAtLocation(name);
        if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
        const constant = symbol?.declarations?.find(ts.isVariableDeclaration);
        const literal = constant?.initializer && ts.isAsExpression(constant.initializer) ? constant.initializer.expression : undefined;
        if (!literal || !ts.isObjectLiteralExpression(literal)) return values;
        const order = literal.properties.flatMap((p) =>
            ts.isPropertyAssignment(p) && ts.isStringLiteral(p.initializer) ? [p.initializer.text] : [],
        );
        return [...values].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    };

    /** A type node as a reader writes it: interfaces are `object`, enum-like aliases their values. */
    const typeText = (node: ts.TypeNode): string => {
        if (ts.isArrayTypeNode(node)) return `${typeText(node.elementType)}[]`;
        if (ts.isTypeReferenceNode(node)) {
            const name = ts.isQualifiedName(node.typeName) ? node.typeName.right.text : node.typeName.text;
            const args = node.typeArguments?.map(typeText);
            if (args) return args[1] === "any" ? "object" : `${name}<${args.join(", ")}>`;
            const declaration = declarationOf(node.typeName);
            if (declaration && ts.isInterfaceDeclaration(declaration)) return "object";
            if (declaration && ts.isTypeAliasDeclaration(declaration)) {
                const type = checker.getTypeFromTypeNode(node);
                if (type.isUnion() && type.types.every((t) => t.isStringLiteral())) {
                    const values = type.types.map((t) => (t as ts.StringLiteralType).value);
                    return inDeclaredOrder(node.typeName, values)
                        .map((value) => JSON.stringify(value))
                        .join(" | ");
                }
                return typeText(declaration.type);
            }
            return name;
        }
        return ts.isTypeLiteralNode(node) ? "object" : node.getText();
    };

    const rows: ArgumentDoc[] = [];
    const walk = (type: ts.Type, prefix: string, keyPrefix: string) => {
        for (const property of checker.getPropertiesOfType(type)) {
            const declaration = property.valueDeclaration;
            if (!declaration || !ts.isPropertySignature(declaration) || !declaration.type) continue;
            const pathText = `${prefix}${property.name}`;
            const key = `${keyPrefix}${property.name}`;
            rows.push({
                path: pathText,
                key,
                type: typeText(declaration.type),
                required: !declaration.questionToken,
                ...splitDefault(docOf(declaration)),
            });
            const nested = nestedObject(declaration.type);
            if (nested) walk(nested.type, `${pathText}${nested.step}.`, `${key}.`);
        }
    };
    walk(checker.getDeclaredTypeOfSymbol(exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported), "", "");
    return rows;
}
