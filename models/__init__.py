"""The data layer of Tổ Dân: peewee models and domain operations. No Qt here."""
