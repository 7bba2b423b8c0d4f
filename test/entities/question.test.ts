import { describe, expect, it } from "vitest";
import { parseWhoQuestion } from "../../src/entities/question.js";

describe("parseWhoQuestion", () => {
  it.each([
    ["who is Dmitriev?", "Dmitriev"],
    ["Who's Kirill Dmitriev", "Kirill Dmitriev"],
    ["who’s Witkoff?", "Witkoff"],
    ["tell me about Witkoff", "Witkoff"],
    ["what is NATO?", "NATO"],
    ["qui est Witkoff ?", "Witkoff"],
    ["Qui est-ce Wadephul", "Wadephul"],
    ["c'est qui Zelensky", "Zelensky"],
    ["C’est qui Zelensky ?", "Zelensky"],
    ["parle-moi de Dmitriev", "Dmitriev"],
    ["кто такой Дмитриев?", "Дмитриев"],
    ["Кто такая Урсула фон дер Ляйен?", "Урсула фон дер Ляйен"],
    ["кто Дмитриев", "Дмитриев"],
    ["расскажи про Уиткоффа", "Уиткоффа"],
    ["хто такий Зеленський?", "Зеленський"],
    ["Хто така Урсула фон дер Ляєн", "Урсула фон дер Ляєн"],
    ["wer ist Wadephul?", "Wadephul"],
    ["who is the German foreign minister?", "the German foreign minister"],
    ["  who   is   «Dmitriev»  ?! ", "Dmitriev"],
  ])("%s → %s", (text, subject) => {
    expect(parseWhoQuestion(text)).toEqual({ subject, asked: true });
  });

  it("treats a short text without question words as a possible bare name", () => {
    expect(parseWhoQuestion("Wadephul")).toEqual({ subject: "Wadephul", asked: false });
    expect(parseWhoQuestion("Kirill Dmitriev")).toEqual({ subject: "Kirill Dmitriev", asked: false });
  });

  it("ignores long chatter, numbers and empty text", () => {
    expect(parseWhoQuestion("I think the news today was really quite interesting, thanks")).toBeUndefined();
    expect(parseWhoQuestion("12345")).toBeUndefined();
    expect(parseWhoQuestion("   ")).toBeUndefined();
    expect(parseWhoQuestion("who is " + "x".repeat(300))).toBeUndefined();
  });
});
