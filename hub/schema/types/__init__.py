"""The GraphQL object types of the unified graph, one module per part of it."""
